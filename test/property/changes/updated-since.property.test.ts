import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoChangeStore } from '../../../adapters/dynamodb/change-store.ts';
import { DynamoRecordStore } from '../../../adapters/dynamodb/record-store.ts';
import { MemoryChangeStore } from '../../../adapters/memory/change-store.ts';
import { MemoryMatchQueue } from '../../../adapters/memory/match-queue.ts';
import { MemoryRecordStore } from '../../../adapters/memory/record-store.ts';
import { builtinNormaliser } from '../../../adapters/sources/index.ts';
import { readFeed } from '../../../core/changes/feed.ts';
import type { ChangeStore } from '../../../core/changes/ports.ts';
import type { RecordStore } from '../../../core/ports.ts';
import { ingestRecords } from '../../../core/records/ingest-records.ts';
import type { Source } from '../../../schemas/canonical/index.ts';
import { canonicalInput } from '../../support/local-api.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';

/**
 * The feed and `GET /v1/records?updatedSince` agree under concurrent pushes: versions of a few source
 * records are pushed at once, each push with its own receipt time (pushes cross: the newer content may be
 * received first and written last), the store calls resolving in any order (fc.scheduler). Afterwards every
 * record change the feed tells at time t is listed by updatedSince just before t, and each record's final
 * version is among its changes.
 */
const push = fc.record({
  record: fc.constantFrom('r1', 'r2'),
  updatedHour: fc.integer({ min: 0, max: 5 }),
  risk: fc.constantFrom('low', 'medium', 'high'),
  receivedSecond: fc.integer({ min: 0, max: 9 }),
});

async function run(
  s: fc.Scheduler,
  pushes: Array<ReturnType<typeof push.generate>['value']>,
  stores: { records: RecordStore; changes: ChangeStore },
  tag: string,
) {
  const source: Source = {
    id: `src_p-${tag}`,
    organisationId: `org_p-${tag}`,
    name: 'P',
    tool: 'canonical',
    auth: { method: 'api-key' },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const records: RecordStore = {
    put: s.scheduleFunction((r: Parameters<RecordStore['put']>[0]) => stores.records.put(r)),
    get: s.scheduleFunction((id: string) => stores.records.get(id)),
    list: (q) => stores.records.list(q),
  };
  const changes: ChangeStore = {
    allocate: s.scheduleFunction((f: string) => stores.changes.allocate(f)),
    claim: s.scheduleFunction((f: string, e: Parameters<ChangeStore['claim']>[1]) => stores.changes.claim(f, e)),
    entriesAfter: (f, a, l) => stores.changes.entriesAfter(f, a, l),
    hasMarker: s.scheduleFunction((f: string, k: string) => stores.changes.hasMarker(f, k)),
    putMarker: s.scheduleFunction((f: string, k: string, x: number) => stores.changes.putMarker(f, k, x)),
    readerPosition: (f, r) => stores.changes.readerPosition(f, r),
    saveReaderPosition: (f, r, p) => stores.changes.saveReaderPosition(f, r, p),
  };
  const normaliser = builtinNormaliser('canonical');
  await s.waitFor(
    Promise.all(
      pushes.map((p) =>
        ingestRecords(
          {
            records,
            changes,
            matching: new MemoryMatchQueue(),
            clock: { now: () => new Date(Date.UTC(2026, 11, 1, 10, 0, p.receivedSecond)) },
          },
          source,
          normaliser,
          canonicalInput({
            sourceRecordId: `${tag}-${p.record}`,
            sourceUpdatedAt: `2026-11-30T0${p.updatedHour}:00:00Z`,
            case: { status: 'open', riskLevel: p.risk },
          }),
        ),
      ),
    ),
  );
  const clock = { now: () => new Date('2027-01-01T00:00:00Z') };
  const { entries } = await readFeed({ changes: stores.changes, clock }, source.organisationId, 0, 1000);
  const told = entries.flatMap((e) => ('recordId' in e.change && 'contentHash' in e.change ? [e.change] : []));
  for (const change of told) {
    const since = new Date(Date.parse(change.at) - 1).toISOString();
    const listed = await stores.records.list({
      organisationId: source.organisationId,
      updatedSince: since,
      limit: 200,
    });
    expect(listed.items.map((r) => r.id)).toContain(change.recordId);
  }
  for (const id of new Set(told.map((c) => c.recordId))) {
    const final = (await stores.records.get(id))!;
    expect(told.filter((c) => c.recordId === id).map((c) => c.contentHash)).toContain(final.provenance.contentHash);
  }
}

describe('the feed and updatedSince agree under concurrent, crossing pushes (property)', () => {
  const pushes = fc.array(push, { minLength: 1, maxLength: 8 });

  it('with the memory stores', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), pushes, (s, ps) =>
        run(s, ps, { records: new MemoryRecordStore(), changes: new MemoryChangeStore() }, `m${n++}`),
      ),
      { numRuns: 150 },
    );
  });

  let db: TestDynamo;
  beforeAll(async () => {
    db = await startTestDynamo();
  });
  afterAll(() => db?.close());

  it('with the DynamoDB stores on dynalite', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), pushes, (s, ps) =>
        run(
          s,
          ps,
          {
            records: new DynamoRecordStore(db.doc, db.tables.records),
            changes: new DynamoChangeStore(db.doc, db.tables.changes),
          },
          `d${n++}`,
        ),
      ),
      { numRuns: 25 },
    );
  });
});
