import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { type CursorScope, openCursor, sealCursor } from '../../../../core/pagination/sealed-cursor.ts';

const key = randomBytes(32);
const scope: CursorScope = {
  list: 'records',
  organisationId: 'org_alpha',
  query: { sourceId: 'src_a', updatedSince: undefined },
};
const position = Buffer.from(JSON.stringify({ id: 'rec_1', organisationId: 'org_alpha' })).toString('base64url');

function refused(cursor: string, as: CursorScope = scope, withKey: Uint8Array = key) {
  try {
    openCursor(withKey, cursor, as);
  } catch (error) {
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).reason).toBe('invalid-cursor');
    expect((error as RelaisError).issues.map((i) => i.pointer)).toEqual(['/cursor']);
    return true;
  }
  return false;
}

describe('sealed cursors', () => {
  it('give back the store position they sealed, for the same scope', () => {
    expect(openCursor(key, sealCursor(key, position, scope), scope)).toBe(position);
  });

  it('treat an absent filter and an undefined one alike, whatever the order of the filters', () => {
    const sealed = sealCursor(key, position, { ...scope, query: { updatedSince: undefined, sourceId: 'src_a' } });
    expect(openCursor(key, sealed, { ...scope, query: { sourceId: 'src_a' } })).toBe(position);
  });

  it('refuse a bare store position, as a forger would send it', () => {
    expect(refused(position)).toBe(true);
    expect(refused(Buffer.from('{"organisationId":"org_alpha"}').toString('base64url'))).toBe(true);
  });

  it('refuse a cursor whose position or tag was altered', () => {
    const [version, body, mac] = sealCursor(key, position, scope).split('.') as [string, string, string];
    const other = Buffer.from('{"id":"rec_2","organisationId":"org_alpha"}').toString('base64url');
    expect(refused(`${version}.${other}.${mac}`)).toBe(true);
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    expect(refused(`${version}.${body}.${flipped}`)).toBe(true);
    expect(refused(`${version}.${body}`)).toBe(true);
    expect(refused(`v2.${body}.${mac}`)).toBe(true);
    expect(refused(`${version}.${body}.${mac}.x`)).toBe(true);
    expect(refused('')).toBe(true);
  });

  it('refuse a cursor replayed for another organisation, another query, another list, or under another key', () => {
    const sealed = sealCursor(key, position, scope);
    expect(refused(sealed, { ...scope, organisationId: 'org_beta' })).toBe(true);
    expect(refused(sealed, { ...scope, query: { sourceId: 'src_b' } })).toBe(true);
    expect(refused(sealed, { ...scope, query: { sourceId: 'src_a', updatedSince: '2026-01-01T00:00:00Z' } })).toBe(
      true,
    );
    expect(refused(sealed, { ...scope, list: 'reviews' })).toBe(true);
    expect(refused(sealed, scope, randomBytes(32))).toBe(true);
  });
});
