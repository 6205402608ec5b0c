/**
 * Page cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. Decoding checks the shape and that
 * the key belongs to the partition being queried, so a cursor cannot move a query into another
 * organisation's partition.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, mustMatch: Record<string, string>): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 4 || entries.some(([, v]) => typeof v !== 'string' || v.length > 500))
    return undefined;
  const key = parsed as Record<string, string>;
  for (const [name, value] of Object.entries(mustMatch)) if (key[name] !== value) return undefined;
  return key;
}
