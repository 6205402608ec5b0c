import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Clock } from '../../../core/ports.ts';
import type { SampleOutcome, SampleStore, SourceSample } from '../../../core/mapping/sample-store.ts';

/** A clock the test moves by hand. */
function testClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (iso) => (now = new Date(iso)) };
}

const sourceId = () => `src_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

const sample = (source: string, outcome: SampleOutcome, minute: number): SourceSample => ({
  sourceId: source,
  outcome,
  receivedAt: new Date(Date.UTC(2026, 4, 1, 10, minute)).toISOString(),
  mappingVersion: 'kobotoolbox-default@1',
  payload: { minute, 'enfant/nom_complet': 'XXXXX Xxxx', '': [null, true, 1.5, { 'a.b[0]': 'x' }] },
  ...(outcome === 'rejected' ? { errors: [{ pointer: '/enfant~1sexe', code: 'mapping.map' }] } : {}),
});

/** What the samples route and ingestion rely on from any sample store. */
export function sampleStoreContract(store: (clock: Clock) => SampleStore): void {
  it('gives back what was put, payload and errors exactly, newest first', async () => {
    const s = store(testClock('2026-05-01T12:00:00Z'));
    const src = sourceId();
    const [accepted, rejected, skipped] = [
      sample(src, 'accepted', 1),
      sample(src, 'rejected', 3),
      sample(src, 'skipped', 2),
    ];
    for (const x of [accepted, rejected, skipped]) await s.put(x);
    expect(await s.list(src)).toEqual([rejected, skipped, accepted]);
  });

  it('keeps the 10 newest of each outcome, the oldest overwritten, whatever the traffic', async () => {
    const s = store(testClock('2026-05-01T12:00:00Z'));
    const src = sourceId();
    for (let minute = 0; minute < 25; minute++) await s.put(sample(src, 'accepted', minute));
    for (let minute = 0; minute < 4; minute++) await s.put(sample(src, 'rejected', minute));
    const listed = await s.list(src);
    expect(listed.filter((x) => x.outcome === 'accepted').map((x) => (x.payload as { minute: number }).minute)).toEqual(
      [24, 23, 22, 21, 20, 19, 18, 17, 16, 15],
    );
    expect(listed.filter((x) => x.outcome === 'rejected')).toHaveLength(4);
  });

  it('never holds more than 10 of an outcome under concurrent writes', async () => {
    const s = store(testClock('2026-05-01T12:00:00Z'));
    const src = sourceId();
    await Promise.all(Array.from({ length: 30 }, (_, minute) => s.put(sample(src, 'skipped', minute))));
    expect(await s.list(src)).toHaveLength(10);
  });

  it('shows a source only its own samples', async () => {
    const s = store(testClock('2026-05-01T12:00:00Z'));
    const [a, b] = [sourceId(), sourceId()];
    await s.put(sample(a, 'accepted', 1));
    expect(await s.list(b)).toEqual([]);
    expect(await s.list(a)).toHaveLength(1);
  });

  it('forgets a sample 14 days after its receipt', async () => {
    const clock = testClock('2026-05-01T12:00:00Z');
    const s = store(clock);
    const src = sourceId();
    await s.put(sample(src, 'accepted', 0));
    await s.put(sample(src, 'rejected', 30));
    clock.set('2026-05-15T10:15:00Z');
    expect((await s.list(src)).map((x) => x.outcome)).toEqual(['rejected']);
    clock.set('2026-05-15T10:30:00Z');
    expect(await s.list(src)).toEqual([]);
  });
}
