import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { RelaisError } from '../../../core/errors/relais-error.ts';
import type { RecordStore } from '../../../core/ports.ts';
import { recordIdFor } from '../../../core/records/record-id.ts';
import type { CanonicalRecord } from '../../../schemas/canonical/index.ts';

/** Every test uses its own organisation and source, so that one table can serve the whole suite. */
function fixtures() {
  const tag = randomUUID().slice(0, 8);
  const organisationId = `org_c-${tag}`;
  const sourceId = `src_c-${tag}`;
  const record = (
    sourceRecordId: string,
    o: { updatedAt?: string; hash?: string; storedAt?: string; sourceId?: string; organisationId?: string } = {},
  ): CanonicalRecord => ({
    schemaVersion: '1',
    id: recordIdFor(o.sourceId ?? sourceId, sourceRecordId),
    organisationId: o.organisationId ?? organisationId,
    person: { name: { given: 'Amani' }, sex: 'male' },
    case: { status: 'open' },
    provenance: {
      sourceId: o.sourceId ?? sourceId,
      sourceRecordId,
      sourceUpdatedAt: o.updatedAt ?? '2026-03-01T10:00:00Z',
      mappingVersion: 'canonical@1',
      receivedAt: '2026-03-02T00:00:00.000Z',
      contentHash: (o.hash ?? 'a').repeat(64),
    },
    storedAt: o.storedAt ?? '2026-03-02T00:00:00.000Z',
  });
  return { organisationId, sourceId, record };
}

async function allPages(store: RecordStore, query: Parameters<RecordStore['list']>[0]) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((r) => r.provenance.sourceRecordId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** What ingestion and the read routes rely on from any RecordStore. */
export function recordStoreContract(store: () => RecordStore): void {
  it('creates a record, then keeps it against the same or older content and replaces it with newer', async () => {
    const { record } = fixtures();
    const s = store();
    expect(await s.put(record('k-1'))).toBe('created');
    expect(await s.put(record('k-1'))).toBe('unchanged');
    expect(await s.put(record('k-1', { updatedAt: '2026-02-01T00:00:00Z', hash: 'b' }))).toBe('unchanged');
    expect(await s.put(record('k-1', { updatedAt: '2026-04-01T00:00:00Z', hash: 'c' }))).toBe('updated');
    expect((await s.get(record('k-1').id))?.provenance.contentHash).toBe('c'.repeat(64));
  });

  it('ends in the same state whatever order the versions arrive in', async () => {
    const { record } = fixtures();
    const s = store();
    const versions = [
      record('k-2', { updatedAt: '2026-03-01T00:00:00Z', hash: 'b' }),
      record('k-2', { updatedAt: '2026-03-03T00:00:00Z', hash: 'd' }),
      record('k-2', { updatedAt: '2026-03-02T00:00:00Z', hash: 'c' }),
    ];
    for (const v of versions) await s.put(v);
    expect((await s.get(versions[0]!.id))?.provenance.contentHash).toBe('d'.repeat(64));
  });

  it('moves storedAt forward when newer content received earlier is written after an older one', async () => {
    const { record, organisationId } = fixtures();
    const s = store();
    // The older version was received later (12:00) and written first; the newer, received at 10:00, second.
    const older = record('k-cross', {
      updatedAt: '2026-03-01T00:00:00Z',
      hash: 'b',
      storedAt: '2026-03-02T12:00:00.000Z',
    });
    const newer = record('k-cross', {
      updatedAt: '2026-03-01T06:00:00Z',
      hash: 'c',
      storedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(await s.put(older)).toBe('created');
    expect(await s.put(newer)).toBe('updated');
    const stored = (await s.get(newer.id))!;
    expect(stored.provenance.contentHash).toBe('c'.repeat(64));
    expect(stored.storedAt).toBe('2026-03-02T12:00:00.001Z');
    // A sync that had read up to the older version's time still gets the replacement.
    const since = await s.list({ organisationId, updatedSince: '2026-03-02T12:00:00.000Z', limit: 10 });
    expect(since.items.map((r) => r.provenance.contentHash)).toEqual(['c'.repeat(64)]);
    // An older version after that is still no change.
    expect(await s.put(record('k-cross', { updatedAt: '2026-02-01T00:00:00Z', hash: 'd' }))).toBe('unchanged');
  });

  it('answers undefined for an unknown id, and hands out copies', async () => {
    const { record } = fixtures();
    const s = store();
    expect(await s.get(record('nobody').id)).toBeUndefined();
    await s.put(record('k-3'));
    const read = (await s.get(record('k-3').id))!;
    read.person.sex = 'female';
    expect((await s.get(record('k-3').id))?.person.sex).toBe('male');
  });

  it("lists an organisation's records oldest change first, page by page, and nobody else's", async () => {
    const { record, organisationId } = fixtures();
    const other = fixtures();
    const s = store();
    const stamps = ['2026-03-02T00:00:04.000Z', '2026-03-02T00:00:01.000Z', '2026-03-02T00:00:03.000Z'];
    for (const [i, storedAt] of stamps.entries()) await s.put(record(`k-${i}`, { storedAt }));
    await s.put(record('k-9', { storedAt: '2026-03-02T00:00:02.000Z', sourceId: `${other.sourceId}` }));
    await s.put(other.record('theirs'));
    expect(await allPages(s, { organisationId, limit: 2 })).toEqual(['k-1', 'k-9', 'k-2', 'k-0']);
    expect(await allPages(s, { organisationId: other.organisationId, limit: 10 })).toEqual(['theirs']);
  });

  it('filters by source and by change time (strictly after), and a page never exceeds its limit', async () => {
    const { record, organisationId, sourceId } = fixtures();
    const s = store();
    await s.put(record('early', { storedAt: '2026-03-02T00:00:00.000Z' }));
    await s.put(record('late', { storedAt: '2026-03-03T00:00:00.000Z' }));
    await s.put(record('elsewhere', { storedAt: '2026-03-03T00:00:01.000Z', sourceId: `${sourceId}-2` }));
    expect(await allPages(s, { organisationId, sourceId, limit: 1 })).toEqual(['early', 'late']);
    expect(await allPages(s, { organisationId, updatedSince: '2026-03-02T00:00:00.000Z', limit: 5 })).toEqual([
      'late',
      'elsewhere',
    ]);
  });

  it("refuses a cursor that is not one, or that another organisation's query returned", async () => {
    const { record, organisationId } = fixtures();
    const other = fixtures();
    const s = store();
    for (const k of ['a', 'b']) {
      await s.put(record(k));
      await s.put(other.record(k));
    }
    const theirs = (await s.list({ organisationId: other.organisationId, limit: 1 })).nextCursor!;
    expect(theirs).toEqual(expect.any(String));
    for (const cursor of ['not-a-cursor', theirs]) {
      const refused = await s.list({ organisationId, limit: 1, cursor }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RelaisError);
      expect(refused).toMatchObject({ kind: 'bad-request', reason: 'invalid-cursor' });
    }
  });
}
