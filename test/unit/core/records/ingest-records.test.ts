import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { MemoryMatchQueue } from '../../../../adapters/memory/match-queue.ts';
import { MemoryRecordStore } from '../../../../adapters/memory/record-store.ts';
import { builtinNormaliser } from '../../../../adapters/sources/index.ts';
import { compile } from '../../../../core/mapping/compile.ts';
import type { PutOutcome, RecordStore } from '../../../../core/ports.ts';
import { ingestRecords } from '../../../../core/records/ingest-records.ts';
import type { Source } from '../../../../schemas/canonical/index.ts';
import { canonicalInput } from '../../../support/local-api.ts';

const source = (tool: Source['tool']): Source => ({
  id: 'src_a-app',
  organisationId: 'org_alpha',
  name: 'App',
  tool,
  auth: { method: 'api-key' },
  createdAt: '2026-01-01T00:00:00.000Z',
});
const canonical = source('canonical');
const kobo = source('kobotoolbox');
const koboFixture = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../../adapters/sources/kobotoolbox/fixtures/kananga-kabasele.json'),
    'utf8',
  ),
);

function setup(records: RecordStore = new MemoryRecordStore()) {
  return {
    records,
    matching: new MemoryMatchQueue(),
    changes: new MemoryChangeStore(),
    clock: { now: () => new Date('2026-03-02T00:00:00Z') },
  };
}
const ingest = (deps: ReturnType<typeof setup>, body: unknown, s = canonical) =>
  ingestRecords(deps, s, builtinNormaliser(s.tool), body);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('ingesting a batch', () => {
  it('validates the whole batch first: one bad record rejects it, every problem listed, nothing stored', async () => {
    const deps = setup();
    const bad = [canonicalInput(), canonicalInput({ person: { sex: 'boy' } }), canonicalInput(), { nothing: true }];
    const error = await failure(ingest(deps, bad));
    expect(error).toMatchObject({ kind: 'validation', reason: 'invalid-document' });
    const pointers = (error as { issues: Array<{ pointer: string }> }).issues.map((i) => i.pointer);
    expect(pointers.some((p) => p.startsWith('/1/person'))).toBe(true);
    expect(pointers.some((p) => p.startsWith('/3'))).toBe(true);
    expect(pointers.every((p) => /^\/[13]\//.test(p))).toBe(true);
    expect((await deps.records.list({ organisationId: 'org_alpha', limit: 10 })).items).toEqual([]);
    expect(deps.matching.take()).toEqual([]);
  });

  it('points a single payload’s problems at its own fields, and a mapped one’s at the partner’s fields', async () => {
    const single = await failure(ingest(setup(), canonicalInput({ person: { sex: 'boy' } })));
    expect((single as { issues: Array<{ pointer: string }> }).issues[0]!.pointer).toMatch(/^\/person\//);
    // A name too long for the canonical schema: the error names the Kobo question it came from.
    const mapped = await failure(ingest(setup(), { ...koboFixture, 'enfant/surnom': 'x'.repeat(300) }, kobo));
    expect(mapped).toMatchObject({ kind: 'validation', issues: [{ pointer: '/enfant~1surnom', code: 'too_big' }] });
    expect(JSON.stringify(mapped)).not.toContain('x'.repeat(300));
  });

  it('refuses an empty batch and one over 500', async () => {
    expect(await failure(ingest(setup(), []))).toMatchObject({ reason: 'batch-empty' });
    expect(
      await failure(
        ingest(
          setup(),
          Array.from({ length: 501 }, () => canonicalInput()),
        ),
      ),
    ).toMatchObject({ kind: 'payload-too-large', reason: 'batch-too-large' });
  });

  it('answers once per payload in the order sent, with each outcome, skipped payloads at their index', async () => {
    const deps = setup();
    const first = canonicalInput();
    await ingest(deps, first);
    const notApproved = { ...koboFixture, _validation_status: { uid: 'validation_status_not_approved' } };
    const kobos = await ingest(deps, [notApproved, koboFixture], kobo);
    expect(kobos).toEqual([
      { index: 0, outcome: 'skipped' },
      { id: expect.stringMatching(/^rec_/), sourceRecordId: expect.any(String), outcome: 'created' },
    ]);
    const newer = { ...first, sourceUpdatedAt: '2026-03-05T00:00:00Z', case: { ...first.case, riskLevel: 'high' } };
    const older = { ...canonicalInput(), sourceRecordId: 'late', sourceUpdatedAt: '2026-03-01T00:00:00Z' };
    const answers = await ingest(deps, [first, newer, older]);
    expect(answers.map((a) => a.outcome)).toEqual<PutOutcome[]>(['unchanged', 'updated', 'created']);
    expect(answers.map((a) => ('sourceRecordId' in a ? a.sourceRecordId : undefined))).toEqual([
      first.sourceRecordId,
      first.sourceRecordId,
      'late',
    ]);
  });

  it('stores provenance: organisation and source from the source, the mapping version, the receipt time', async () => {
    const deps = setup();
    const [answer] = await ingest(deps, koboFixture, kobo);
    const stored = await deps.records.get((answer as { id: string }).id);
    expect(stored).toMatchObject({
      organisationId: 'org_alpha',
      provenance: {
        sourceId: 'src_a-app',
        mappingVersion: 'kobotoolbox-default@1',
        receivedAt: '2026-03-02T00:00:00.000Z',
      },
      storedAt: '2026-03-02T00:00:00.000Z',
    });
  });

  it('counts an age stated at the received date from the receipt time it stores', async () => {
    const deps = setup();
    const mapping = compile({
      id: 'received-age',
      tool: 'csv',
      fields: {
        '/sourceRecordId': { from: 'id' },
        '/person/sex': { value: 'unknown' },
        '/case/status': { value: 'open' },
        '/person/ageAtRegistration': { from: 'age', transforms: [{ age: { reference: 'received' } }] },
        '/person/birthDate': { from: 'age', transforms: [{ ageToBirthYear: { reference: 'received' } }] },
      },
    });
    const [answer] = await ingestRecords(deps, source('csv'), mapping, [{ id: 'BI-1', age: '9' }]);
    const stored = await deps.records.get((answer as { id: string }).id);
    expect(stored).toMatchObject({
      person: { ageAtRegistration: { years: 9, asOf: '2026-03-02' }, birthDate: { value: '2017' } },
      provenance: { receivedAt: '2026-03-02T00:00:00.000Z' },
    });
  });

  it('queues every record of the batch for matching, unchanged ones too, and skipped ones not', async () => {
    const deps = setup();
    const again = canonicalInput();
    await ingest(deps, again);
    deps.matching.take();
    const answers = await ingest(deps, [again, canonicalInput()]);
    const queued = deps.matching.take().map((m) => m.recordId);
    expect(answers.map((a) => a.outcome)).toEqual(['unchanged', 'created']);
    // The queue deduplicates the same content, so the unchanged record is handed over but not queued twice.
    expect(queued).toEqual([(answers[1] as { id: string }).id]);
  });

  it('converges after a storage failure part-way: the retry stores the rest and queues every record', async () => {
    const store = new MemoryRecordStore();
    let puts = 0;
    const flaky: RecordStore = {
      get: (id) => store.get(id),
      list: (q) => store.list(q),
      put: async (r) => {
        if (++puts === 3) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
        return store.put(r);
      },
    };
    const deps = setup(flaky);
    const batch = Array.from({ length: 5 }, () => canonicalInput());
    expect(await failure(ingest(deps, batch))).toMatchObject({ name: 'ThrottlingException' });
    expect(deps.matching.take()).toEqual([]);
    const retried = await ingest({ ...deps, records: store }, batch);
    expect(retried.filter((a) => a.outcome === 'created').length).toBeGreaterThanOrEqual(1);
    expect(retried.every((a) => a.outcome === 'created' || a.outcome === 'unchanged')).toBe(true);
    expect((await store.list({ organisationId: 'org_alpha', limit: 10 })).items).toHaveLength(5);
    expect(deps.matching.take()).toHaveLength(5);
  });
});
