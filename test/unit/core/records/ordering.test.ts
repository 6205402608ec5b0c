import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../../core/records/content-hash.ts';
import { orderKey, supersedes } from '../../../../core/records/ordering.ts';
import { recordIdFor } from '../../../../core/records/record-id.ts';

const version = fc.record({
  sourceUpdatedAt: fc.option(
    fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    { nil: undefined },
  ),
  receivedAt: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  contentHash: fc.stringMatching(/^[a-f0-9]{64}$/),
});
const asRecord = (v: { sourceUpdatedAt?: string; receivedAt: string; contentHash: string }) => ({
  provenance: {
    sourceId: 'src_x',
    sourceRecordId: '1',
    mappingVersion: 'm',
    ...v,
    ...(v.sourceUpdatedAt ? {} : { sourceUpdatedAt: undefined }),
  },
});

describe('which version of a source record wins', () => {
  it('ends with the same winner whatever order the versions arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(version, { minLength: 1, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (versions, randomness) => {
          const apply = (order: typeof versions) =>
            order.reduce<ReturnType<typeof asRecord> | undefined>(
              (stored, v) => (!stored || supersedes(asRecord(v), stored) ? asRecord(v) : stored),
              undefined,
            );
          const shuffled = [...versions].sort(() => (randomness.next().value % 3) - 1);
          expect(orderKey(apply(shuffled)!)).toBe(orderKey(apply(versions)!));
        },
      ),
    );
  });

  it('never lets identical content replace the stored record', () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(supersedes(asRecord(v), asRecord(v))).toBe(false);
      }),
    );
  });

  it('prefers the source modification time to the time Relais received it', () => {
    const older = asRecord({
      sourceUpdatedAt: '2026-01-01T00:00:00Z',
      receivedAt: '2026-06-01T00:00:00Z',
      contentHash: 'a'.repeat(64),
    });
    const newer = asRecord({
      sourceUpdatedAt: '2026-02-01T00:00:00Z',
      receivedAt: '2026-05-01T00:00:00Z',
      contentHash: 'b'.repeat(64),
    });
    expect(supersedes(newer, older)).toBe(true);
    expect(supersedes(older, newer)).toBe(false);
  });
});

describe('record ids and content hashes', () => {
  it('derive the same record id from the same source and source record id, and different ids otherwise', () => {
    expect(recordIdFor('src_a', '1')).toBe(recordIdFor('src_a', '1'));
    expect(recordIdFor('src_a', '1')).not.toBe(recordIdFor('src_b', '1'));
    expect(recordIdFor('src_a', '1')).toMatch(/^rec_[a-z2-7]{26}$/);
  });

  it('hash equal content equally whatever the key order', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(contentHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
