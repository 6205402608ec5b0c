import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { SEAL_AFTER_MS, appendOnce, readFeed } from '../../../core/changes/feed.ts';
import type { ChangeStore, FeedEntry } from '../../../core/changes/ports.ts';
import type { Change } from '../../../schemas/api/changes.ts';

const feedName = () => `org_cf-${randomUUID().slice(0, 8)}`;
const subject = (organisationId: string) => ({ kind: 'record', organisationId }) as const;
const change = (n: number): Change => ({
  type: 'record.updated',
  at: '2026-12-01T10:00:00.000Z',
  recordId: `rec_${'a'.repeat(25)}${'abcdefghijklmnopqrstuvwxyz'[n % 26]}`,
  contentHash: String(n).padStart(64, '0'),
});
const entry = (feed: string, sequence: number, n = sequence): FeedEntry => ({
  kind: 'change',
  sequence,
  writtenAt: '2026-12-01T10:00:00.000Z',
  id: `chg_${String(n).padStart(32, '0')}`,
  subject: subject(feed),
  change: change(n),
});

/** A clock the test moves by hand. */
const clockAt = (iso: string) => {
  let now = Date.parse(iso);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

/** What every ChangeStore must do, whatever holds it: the primitives core/changes/feed.ts argues from. */
export function changeStoreContract(make: () => ChangeStore) {
  it('hands out 1, 2, 3… per feed, each number once, also to concurrent callers', async () => {
    const store = make();
    const [a, b] = [feedName(), feedName()];
    expect(await store.allocate(a)).toBe(1);
    expect(await store.allocate(a)).toBe(2);
    expect(await store.allocate(b)).toBe(1);
    const many = await Promise.all(Array.from({ length: 20 }, () => store.allocate(a)));
    expect([...many].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
  });

  it('lets exactly one write take a position, the first; the others are told so', async () => {
    const store = make();
    const feed = feedName();
    const results = await Promise.all([
      store.claim(feed, entry(feed, 1, 1)),
      store.claim(feed, { kind: 'seal', sequence: 1, writtenAt: '2026-12-01T10:00:01.000Z' }),
      store.claim(feed, entry(feed, 1, 2)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [held] = await store.entriesAfter(feed, 0, 10);
    expect(held).toEqual(
      [entry(feed, 1, 1), { kind: 'seal', sequence: 1, writtenAt: '2026-12-01T10:00:01.000Z' }, entry(feed, 1, 2)][
        results.indexOf(true)
      ],
    );
    expect(await store.claim(feed, entry(feed, 1, 3))).toBe(false);
  });

  it('reads entries after a position in sequence order, up to a limit, one feed only, counters and markers apart', async () => {
    const store = make();
    const [feed, other] = [feedName(), feedName()];
    for (const sequence of [3, 1, 12, 2, 10]) await store.claim(feed, entry(feed, sequence));
    await store.claim(other, entry(other, 4));
    await store.allocate(feed);
    await store.putMarker(feed, 'record:x', 2_000_000_000);
    expect((await store.entriesAfter(feed, 0, 10)).map((e) => e.sequence)).toEqual([1, 2, 3, 10, 12]);
    expect((await store.entriesAfter(feed, 2, 2)).map((e) => e.sequence)).toEqual([3, 10]);
    expect((await store.entriesAfter(feed, 10, 10)).map((e) => e.sequence)).toEqual([12]);
    expect(await store.entriesAfter(feed, 12, 10)).toEqual([]);
    expect(await store.entriesAfter(feedName(), 0, 10)).toEqual([]);
  });

  it('remembers once-key markers per feed', async () => {
    const store = make();
    const [feed, other] = [feedName(), feedName()];
    expect(await store.hasMarker(feed, 'audit:aud_1')).toBe(false);
    await store.putMarker(feed, 'audit:aud_1', 2_000_000_000);
    expect(await store.hasMarker(feed, 'audit:aud_1')).toBe(true);
    expect(await store.hasMarker(other, 'audit:aud_1')).toBe(false);
    expect(await store.hasMarker(feed, 'audit:aud_2')).toBe(false);
  });

  it('keeps the position of each reader Relais runs, per feed', async () => {
    const store = make();
    const [feed, other] = [feedName(), feedName()];
    expect(await store.readerPosition(feed, 'webhook')).toBeUndefined();
    await store.saveReaderPosition(feed, 'webhook', 7);
    await store.saveReaderPosition(feed, 'webhook', 9);
    expect(await store.readerPosition(feed, 'webhook')).toBe(9);
    expect(await store.readerPosition(other, 'webhook')).toBeUndefined();
    await store.claim(feed, entry(feed, 1));
    expect((await store.entriesAfter(feed, 0, 10)).map((e) => e.sequence)).toEqual([1]);
  });

  it('appends a change once per once-key, and every copy of it carries the same id', async () => {
    const store = make();
    const feed = feedName();
    const deps = { changes: store, clock: clockAt('2026-12-01T10:00:00Z') };
    expect(await appendOnce(deps, feed, 'record:a', subject(feed), change(1))).toBe(1);
    expect(await appendOnce(deps, feed, 'record:a', subject(feed), change(1))).toBeUndefined();
    expect(await appendOnce(deps, feed, 'record:b', subject(feed), change(2))).toBe(2);
    const page = await readFeed(deps, feed, 0, 10);
    expect(page.entries.map((e) => e.change)).toEqual([change(1), change(2)]);
    expect(page.position).toBe(2);
    expect(new Set(page.entries.map((e) => e.id)).size).toBe(2);
  });

  it('stops at a hole until it is old enough to seal, then moves over it; its late writer lands after', async () => {
    const store = make();
    const feed = feedName();
    const clock = clockAt('2026-12-01T10:00:00Z');
    const deps = { changes: store, clock };
    const stalled = await store.allocate(feed); // a writer that took 1 and has not written yet
    await appendOnce(deps, feed, 'record:b', subject(feed), change(2)); // at 2
    expect(await readFeed(deps, feed, 0, 10)).toEqual({ entries: [], position: 0 });
    clock.advance(SEAL_AFTER_MS + 1);
    const sealed = await readFeed(deps, feed, 0, 10);
    expect(sealed.entries.map((e) => e.change)).toEqual([change(2)]);
    expect(sealed.position).toBe(2);
    // The stalled writer's put now fails: the position is sealed, so it goes to a fresh number.
    expect(await store.claim(feed, entry(feed, stalled, 9))).toBe(false);
    await appendOnce(deps, feed, 'record:c', subject(feed), change(3));
    expect((await readFeed(deps, feed, sealed.position, 10)).entries.map((e) => e.change)).toEqual([change(3)]);
  });

  it('never moves over a hole whose writer commits while the reader tries to seal it', async () => {
    const store = make();
    const feed = feedName();
    const clock = clockAt('2026-12-01T10:00:00Z');
    const stalled = await store.allocate(feed);
    await appendOnce({ changes: store, clock }, feed, 'record:b', subject(feed), change(2));
    clock.advance(SEAL_AFTER_MS + 1);
    // The writer's put lands between the reader's query and its seal.
    const racing: ChangeStore = {
      allocate: (f) => store.allocate(f),
      entriesAfter: (f, after, limit) => store.entriesAfter(f, after, limit),
      hasMarker: (f, k) => store.hasMarker(f, k),
      putMarker: (f, k, e) => store.putMarker(f, k, e),
      readerPosition: (f, r) => store.readerPosition(f, r),
      saveReaderPosition: (f, r, p) => store.saveReaderPosition(f, r, p),
      claim: async (f, e) => {
        if (e.kind === 'seal') await store.claim(f, entry(f, stalled, 1));
        return store.claim(f, e);
      },
    };
    const page = await readFeed({ changes: racing, clock }, feed, 0, 10);
    expect(page.entries.map((e) => e.sequence)).toEqual([1, 2]);
    expect(page.position).toBe(2);
  });
}
