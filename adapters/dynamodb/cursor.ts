/**
 * Store positions are DynamoDB's LastEvaluatedKey, base64url-encoded JSON. Callers only ever see them
 * sealed (core/pagination/sealed-cursor.ts); decoding still checks the exact shape, so that nothing
 * malformed can reach DynamoDB as an ExclusiveStartKey: exactly the key attributes of the index being
 * queried, each a short string, and the partition being queried.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const MAX_ATTRIBUTE_LENGTH = 500;

export function decodeCursor(
  cursor: string,
  shape: { keys: readonly string[]; mustMatch: Readonly<Record<string, string>> },
): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length !== shape.keys.length) return undefined;
  for (const [name, value] of entries) {
    if (!shape.keys.includes(name)) return undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ATTRIBUTE_LENGTH) return undefined;
  }
  const key = parsed as Record<string, string>;
  for (const [name, value] of Object.entries(shape.mustMatch)) if (key[name] !== value) return undefined;
  return key;
}
