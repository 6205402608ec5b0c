import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { MemoryRecordStore } from '../../../../adapters/memory/record-store.ts';
import { readFeed } from '../../../../core/changes/feed.ts';
import { appendRecordChanges } from '../../../../core/changes/record-changes.ts';
import type { CanonicalRecord } from '../../../../schemas/canonical/index.ts';

const clock = { now: () => new Date('2026-03-02T00:00:00Z') };
const record = (hash: string, updatedAt: string): CanonicalRecord => ({
  schemaVersion: '1',
  id: `rec_${'a'.repeat(26)}`,
  organisationId: 'org_one',
  person: { name: { given: 'Amani' }, sex: 'male' },
  case: { status: 'open' },
  provenance: {
    sourceId: 'src_one',
    sourceRecordId: 'A-1',
    sourceUpdatedAt: updatedAt,
    mappingVersion: 'canonical@1',
    receivedAt: '2026-03-02T00:00:00.000Z',
    contentHash: hash.repeat(64),
  },
  storedAt: '2026-03-02T00:00:00.000Z',
});

describe('record changes', () => {
  it('appends each stored version once; an unchanged write of the stored version restores a lost entry, of another version nothing', async () => {
    const records = new MemoryRecordStore();
    const changes = new MemoryChangeStore();
    const deps = { records, changes, clock };
    const v2 = record('b', '2026-03-02T00:00:00Z');
    await records.put(v2);
    // The first attempt stored v2 and died before appending: its retry is answered `unchanged`.
    await appendRecordChanges(deps, [{ record: v2, outcome: 'unchanged' }]);
    await appendRecordChanges(deps, [{ record: v2, outcome: 'unchanged' }]);
    // An older version arriving late stores nothing, and is no change.
    await appendRecordChanges(deps, [{ record: record('a', '2026-03-01T00:00:00Z'), outcome: 'unchanged' }]);
    const { entries } = await readFeed({ changes, clock }, 'org_one', 0, 10);
    expect(entries.map((e) => e.change)).toEqual([
      { type: 'record.updated', at: v2.storedAt, recordId: v2.id, contentHash: v2.provenance.contentHash },
    ]);
    expect(entries[0]!.subject).toEqual({ kind: 'record', organisationId: 'org_one' });
  });
});
