import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../../adapters/dynamodb/cursor.ts';

const shape = { keys: ['id', 'organisationId', 'changeKey'], mustMatch: { organisationId: 'org_alpha' } } as const;
const position = { id: 'rec_1', organisationId: 'org_alpha', changeKey: '2026-01-01T00:00:00.000Z#rec_1' };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('DynamoDB store positions', () => {
  it('decode what they encoded', () => {
    expect(decodeCursor(encodeCursor(position), shape)).toEqual(position);
  });

  it.each([
    ['a key attribute missing', { organisationId: 'org_alpha' }],
    ['an extra attribute', { ...position, extra: 'x' }],
    ['an attribute of another index', { id: 'rec_1', organisationId: 'org_alpha', reviewOrder: 'x' }],
    ['a non-string value', { ...position, changeKey: 1 }],
    ['an object value', { ...position, changeKey: { S: 'x' } }],
    ['an empty value', { ...position, changeKey: '' }],
    ['an oversized value', { ...position, changeKey: 'x'.repeat(501) }],
    ['another partition', { ...position, organisationId: 'org_beta' }],
    ['an array', [position]],
    ['null', null],
  ])('refuse %s', (_name, value) => {
    expect(decodeCursor(b64(value), shape)).toBeUndefined();
  });

  it('refuse text that is not JSON', () => {
    expect(decodeCursor('bm90LWpzb24', shape)).toBeUndefined();
  });
});
