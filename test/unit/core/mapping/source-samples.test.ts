import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { MemoryMatchQueue } from '../../../../adapters/memory/match-queue.ts';
import { MemoryRecordStore } from '../../../../adapters/memory/record-store.ts';
import { MemorySampleStore } from '../../../../adapters/memory/sample-store.ts';
import { builtinNormaliser } from '../../../../adapters/sources/index.ts';
import type { SampleStore, SourceSample } from '../../../../core/mapping/sample-store.ts';
import { type SampleNotKept, SampleRecorder, type SamplingOptions } from '../../../../core/mapping/source-samples.ts';
import { ingestRecords } from '../../../../core/records/ingest-records.ts';
import type { Source } from '../../../../schemas/canonical/index.ts';

const kobo: Source = {
  id: 'src_a-kobo',
  organisationId: 'org_alpha',
  name: 'Kobo',
  tool: 'kobotoolbox',
  auth: { method: 'api-key' },
  createdAt: '2026-01-01T00:00:00.000Z',
};
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, `../../../../adapters/sources/kobotoolbox/fixtures/${name}.json`), 'utf8'),
  ) as Record<string, unknown>;
const valid = fixture('kananga-kabasele');
const invalid = { ...fixture('uvira-niyonzima-refugee'), 'protection/niveau_risque': 'Très urgent' };
const notApproved = {
  ...fixture('goma-furaha-age-only'),
  _validation_status: { uid: 'validation_status_not_approved' },
};

function clock(start = '2026-03-02T10:00:00Z') {
  let now = new Date(start);
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

function setup(options: { samples?: SampleStore; sampling?: SamplingOptions } = {}) {
  const time = clock();
  const samples = options.samples ?? new MemorySampleStore(time);
  const notKept: SampleNotKept[] = [];
  const records = new MemoryRecordStore();
  const deps = {
    records,
    matching: new MemoryMatchQueue(),
    changes: new MemoryChangeStore(),
    clock: time,
    sampling: new SampleRecorder({ samples, clock: time, notKept: (why) => notKept.push(why) }, options.sampling),
  };
  const ingest = (body: unknown) => ingestRecords(deps, kobo, builtinNormaliser('kobotoolbox'), body);
  return { deps, time, samples, notKept, records, ingest };
}
const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    () => 'refused',
  );

/** A store whose writes fail, or never finish. */
const failingStore = (error: Error): SampleStore => ({ put: () => Promise.reject(error), list: async () => [] });
const hangingStore = (): SampleStore => ({ put: () => new Promise(() => {}), list: async () => [] });

describe('taking samples on ingestion', () => {
  it('keeps the first accepted, skipped and rejected submission, minimised, with the mapping version and receipt time', async () => {
    const { ingest, samples } = setup();
    await ingest([notApproved, valid]);
    expect(await refused(ingest(invalid))).toBe('refused');
    const kept = await samples.list(kobo.id);
    expect(kept.map((s) => s.outcome).sort()).toEqual(['accepted', 'rejected', 'skipped']);
    for (const s of kept)
      expect(s).toMatchObject({ mappingVersion: 'kobotoolbox-default@1', receivedAt: '2026-03-02T10:00:00.000Z' });
    const byOutcome = Object.fromEntries(kept.map((s) => [s.outcome, s])) as Record<string, SourceSample>;
    expect(byOutcome.accepted!.payload).toMatchObject({ 'enfant/nom_complet': 'XXXXXXXX XXXXXXXXX Xxxx' });
    expect(byOutcome.skipped!.payload).toMatchObject({ _validation_status: { uid: 'validation_status_not_approved' } });
    expect(byOutcome.rejected!.errors).toEqual([{ pointer: '/protection~1niveau_risque', code: 'mapping.map' }]);
    const text = JSON.stringify(kept);
    for (const personal of ['KABASELE', 'NIYONZIMA', 'FURAHA', 'Très urgent', '0812'])
      expect(text).not.toContain(personal);
  });

  it('writes at most one sample per source and outcome a minute, the first always taken, and again after the minute', async () => {
    const puts: SourceSample[] = [];
    const store = new MemorySampleStore(clock());
    const counting: SampleStore = { put: (s) => (puts.push(s), store.put(s)), list: (id) => store.list(id) };
    const { ingest, time, deps } = setup({ samples: counting });
    for (let i = 0; i < 20; i++) await ingest(valid);
    expect(puts).toHaveLength(1);
    time.advance(59_000);
    await ingest(valid);
    expect(puts).toHaveLength(1);
    time.advance(1_000);
    await ingest(valid);
    expect(puts).toHaveLength(2);
    await ingestRecords(deps, { ...kobo, id: 'src_a-other' }, builtinNormaliser('kobotoolbox'), valid);
    expect(puts.map((s) => s.sourceId)).toEqual(['src_a-kobo', 'src_a-kobo', 'src_a-other']);
  });

  it('still stores the record and answers when the sample write fails, and logs only ids, outcome and the error name', async () => {
    const failure = new Error('KABASELE TSHIMANGA Jean could not be written');
    failure.name = 'ProvisionedThroughputExceededException';
    const { ingest, records, notKept } = setup({ samples: failingStore(failure) });
    const answers = await ingest(valid);
    expect(answers[0]).toMatchObject({ outcome: 'created' });
    expect(await records.get((answers[0] as { id: string }).id)).toBeDefined();
    expect(notKept).toEqual([
      {
        sourceId: 'src_a-kobo',
        outcome: 'accepted',
        reason: 'write-failed',
        error: 'ProvisionedThroughputExceededException',
      },
    ]);
    expect(await refused(ingest(invalid))).toBe('refused');
  });

  it('answers within the wait bound when the sample store hangs', async () => {
    const { ingest, notKept } = setup({ samples: hangingStore(), sampling: { waitMs: 50 } });
    const started = performance.now();
    const answers = await ingest(valid);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(answers[0]).toMatchObject({ outcome: 'created' });
    expect(notKept).toEqual([{ sourceId: 'src_a-kobo', outcome: 'accepted', reason: 'slow' }]);
  });

  it('does not keep a minimised payload over the size bound', async () => {
    const { ingest, samples, notKept } = setup({ sampling: { maxBytes: 200 } });
    await ingest(valid);
    expect(await samples.list(kobo.id)).toEqual([]);
    expect(notKept).toEqual([{ sourceId: 'src_a-kobo', outcome: 'accepted', reason: 'too-large' }]);
  });

  it('forgets the oldest source it throttled once it tracks too many, so its memory stays bounded', async () => {
    const puts: string[] = [];
    const time = clock();
    const recorder = new SampleRecorder(
      { samples: { put: async (s) => void puts.push(s.sourceId), list: async () => [] }, clock: time },
      { maxTracked: 2 },
    );
    const offer = (id: string) =>
      recorder.offer({ id }, builtinNormaliser('kobotoolbox'), time.now().toISOString(), [
        { outcome: 'accepted', payload: {} },
      ]);
    for (const id of ['src_1', 'src_2', 'src_3', 'src_1', 'src_3']) await offer(id);
    // src_1 was forgotten when src_3 came, so it is taken again; src_3 is still within its minute.
    expect(puts).toEqual(['src_1', 'src_2', 'src_3', 'src_1']);
  });
});
