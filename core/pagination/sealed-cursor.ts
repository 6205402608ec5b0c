import { createHmac, timingSafeEqual } from 'node:crypto';
import { RelaisError } from '../errors/relais-error.ts';

/**
 * List cursors handed to callers are sealed: the store's raw position, plus an HMAC-SHA-256 over it,
 * the caller's organisation and the query it belongs to. A forged or altered cursor, or one replayed
 * for another query or another organisation, is refused before it reaches the store. The key is
 * passed in (the composition root holds it), so the core never knows where it lives.
 */
export interface CursorScope {
  /** Which list: a records cursor never opens a reviews page. */
  readonly list: string;
  readonly organisationId: string;
  /** The query's filters (not its page size); absent and undefined values are the same. */
  readonly query: Readonly<Record<string, string | undefined>>;
}

const VERSION = 'v1';

function tag(key: Uint8Array, position: string, scope: CursorScope): Buffer {
  const filters = Object.entries(scope.query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // JSON keeps the fields apart: no two different scopes can serialise to the same text.
  const message = JSON.stringify([VERSION, scope.list, scope.organisationId, filters, position]);
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

export function sealCursor(key: Uint8Array, position: string, scope: CursorScope): string {
  const body = Buffer.from(position, 'utf8').toString('base64url');
  return `${VERSION}.${body}.${tag(key, position, scope).toString('base64url')}`;
}

export const invalidCursor = (pointer = '/cursor') =>
  new RelaisError('bad-request', 'invalid-cursor', [
    {
      pointer,
      code: 'invalid-cursor',
      message: {
        en: 'Pass the nextCursor of a previous page of the same query, unchanged',
        fr: 'Passez tel quel le nextCursor d’une page précédente de la même requête',
      },
    },
  ]);

/**
 * The store position a sealed cursor carries; throws invalid-cursor (400, with `pointer` naming the query
 * parameter that carried it) otherwise.
 */
export function openCursor(key: Uint8Array, cursor: string, scope: CursorScope, pointer = '/cursor'): string {
  const parts = cursor.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalidCursor(pointer);
  const [, body = '', mac = ''] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]{43}$/.test(mac)) throw invalidCursor(pointer);
  const position = Buffer.from(body, 'base64url').toString('utf8');
  const given = Buffer.from(mac, 'base64url');
  const expected = tag(key, position, scope);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor(pointer);
  return position;
}
