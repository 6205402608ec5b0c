import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoChangeStore } from '../../../adapters/dynamodb/change-store.ts';
import { MemoryChangeStore } from '../../../adapters/memory/change-store.ts';
import { SEAL_AFTER_MS, appendOnce } from '../../../core/changes/feed.ts';
import type { ChangeStore } from '../../../core/changes/ports.ts';
import { readChanges } from '../../../core/changes/read-changes.ts';
import { openCursor, sealCursor } from '../../../core/pagination/sealed-cursor.ts';
import type { Change, ChangeItem } from '../../../schemas/api/changes.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';

/**
 * The change feed under concurrent writers, crashes and restarts. Writers append concurrently, each
 * store call resolving in an order fast-check chooses (fc.scheduler), and some die: after taking a
 * number (a hole, sealed later by a reader) or after writing their entry but before its marker (a
 * duplicate when retried); a dead writer's step is retried, as SQS or the partner would. Meanwhile the
 * clock jumps, so readers seal holes of writers that are only slow, whose put then fails and goes to a
 * fresh number. A consumer pulls pages of random sizes through the sealed cursor, stops at random
 * (losing what it had not yet saved, so it reads some pages again) and, at random, the server restarts:
 * new store objects over the same table. Once every writer is done, the consumer drains the feed. It has
 * seen every change that was committed, in feed order, at least once.
 */

class Crash extends Error {}

const KEY = new Uint8Array(32).fill(7);

const changeFor = (n: number): Change => ({
  type: 'record.updated',
  at: '2026-12-01T10:00:00.000Z',
  recordId: `rec_${'abcdefghijklmnopqrstuvwxyz'[n % 26]!.repeat(26)}`,
  contentHash: String(n).padStart(64, '0'),
});

type Fate = 'lives' | 'dies-after-number' | 'dies-before-marker';

const scenario = fc.record({
  writers: fc.array(fc.constantFrom<Fate>('lives', 'lives', 'lives', 'dies-after-number', 'dies-before-marker'), {
    minLength: 1,
    maxLength: 14,
  }),
  /** Per consumer step: the page size, what happens after the page, and how far the clock jumps. */
  steps: fc.array(
    fc.record({
      limit: fc.integer({ min: 1, max: 4 }),
      then: fc.constantFrom('save', 'save', 'save', 'stop-unsaved', 'restart'),
      jumpMs: fc.constantFrom(0, 0, 1_000, SEAL_AFTER_MS + 1),
    }),
    { minLength: 1, maxLength: 20 },
  ),
});

async function run(
  makeStore: () => ChangeStore,
  s: fc.Scheduler,
  { writers, steps }: ReturnType<typeof scenario.generate>['value'],
  org: string,
) {
  const scope = { list: 'changes', organisationId: org, query: {} };
  let now = Date.parse('2026-12-01T10:00:00Z');
  const clock = { now: () => new Date(now) };
  /** Every store call goes through the scheduler, so calls of writers and readers interleave at random. */
  const scheduled = (store: ChangeStore, fate: Fate = 'lives', dead = { done: false }): ChangeStore => {
    // A death is its own scheduled step (a rejected scheduled call would go unhandled in fast-check).
    const tick = s.scheduleFunction(async () => undefined);
    const dies = async (when: Fate) => {
      if (fate !== when || dead.done) return;
      dead.done = true;
      await tick();
      throw new Crash();
    };
    const claim = s.scheduleFunction((f: string, e: Parameters<ChangeStore['claim']>[1]) => store.claim(f, e));
    const putMarker = s.scheduleFunction((f: string, k: string, x: number) => store.putMarker(f, k, x));
    return {
      allocate: s.scheduleFunction((f: string) => store.allocate(f)),
      claim: async (f, e) => (await dies('dies-after-number'), claim(f, e)),
      entriesAfter: s.scheduleFunction((f: string, a: number, l: number) => store.entriesAfter(f, a, l)),
      hasMarker: s.scheduleFunction((f: string, k: string) => store.hasMarker(f, k)),
      putMarker: async (f, k, x) => (await dies('dies-before-marker'), putMarker(f, k, x)),
      readerPosition: (f, r) => store.readerPosition(f, r),
      saveReaderPosition: (f, r, p) => store.saveReaderPosition(f, r, p),
    };
  };

  const committed = new Set<string>();
  const write = async (n: number, fate: Fate) => {
    const dead = { done: false };
    for (;;) {
      try {
        // A retry is a new function on a new container: a new store object over the same table.
        await appendOnce(
          { changes: scheduled(makeStore(), fate, dead), clock },
          org,
          `record:${n}`,
          {
            kind: 'record',
            organisationId: org,
          },
          changeFor(n),
        );
        return;
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
      }
    }
  };

  const seen: ChangeItem[] = [];
  let saved: string | undefined;
  let store = makeStore();
  const pull = async (limit: number) => {
    const position = saved === undefined ? undefined : openCursor(KEY, saved, scope);
    const page = await readChanges({ changes: scheduled(store), clock }, { organisationId: org }, { position, limit });
    // Within one page, strictly in feed order, and after where the consumer resumed from.
    const from = position === undefined ? 0 : Number(position);
    expect(page.items.map((i) => i.sequence)).toEqual([...page.items.map((i) => i.sequence)].sort((a, b) => a - b));
    expect(page.items.every((i) => i.sequence > from)).toBe(true);
    return { items: page.items, cursor: sealCursor(KEY, page.nextCursor, scope) };
  };
  const consume = async () => {
    for (const step of steps) {
      const page = await pull(step.limit);
      seen.push(...page.items);
      if (step.then === 'save') saved = page.cursor;
      // stop-unsaved: the consumer dies before saving the cursor, and will read this page again.
      if (step.then === 'restart') store = makeStore();
      now += step.jumpMs;
    }
  };

  const writing = writers.map((fate, n) => write(n, fate).then(() => committed.add(String(n).padStart(64, '0'))));
  await s.waitFor(Promise.all([...writing, consume()]));

  // Every writer is done. Holes left by dead writers are old once the clock passes the seal delay.
  now += SEAL_AFTER_MS + 1;
  for (let idle = 0; idle < 2;) {
    const page = await s.waitFor(pull(5));
    seen.push(...page.items);
    saved = page.cursor;
    idle = page.items.length === 0 ? idle + 1 : 0;
  }

  // Every committed change was seen, and their first sightings come in feed order.
  const firsts: ChangeItem[] = [];
  const bySequence = new Set<number>();
  for (const item of seen) if (!bySequence.has(item.sequence) && bySequence.add(item.sequence)) firsts.push(item);
  const sequences = firsts.map((i) => i.sequence);
  expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  expect(new Set(seen.map((i) => ('contentHash' in i ? i.contentHash : '')))).toEqual(committed);
  // Nothing in the feed was passed over: what the store holds is exactly what was seen.
  const held = (await makeStore().entriesAfter(org, 0, 1000)).filter((e) => e.kind === 'change');
  expect(held.map((e) => e.sequence)).toEqual(sequences);
  // Copies of one change (a writer that died before its marker) carry one id.
  for (const item of seen)
    expect(item.id).toBe(firsts.find((f) => 'recordId' in f && 'recordId' in item && f.recordId === item.recordId)?.id);
}

describe('change feed: a consumer resuming at random sees every change at least once, in order (property)', () => {
  it('with the memory store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), scenario, async (s, sc) => {
        const table = new MemoryChangeStore();
        await run(() => table, s, sc, 'org_prop-feed');
      }),
      { numRuns: 150 },
    );
  });

  let db: TestDynamo;
  beforeAll(async () => {
    db = await startTestDynamo();
  });
  afterAll(() => db?.close());

  it('with the DynamoDB store on dynalite, restarts making new store objects over the same table', async () => {
    let run_ = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), scenario, async (s, sc) => {
        // One table for every run: each run has a feed of its own, as each organisation does.
        await run(() => new DynamoChangeStore(db.doc, db.tables.changes), s, sc, `org_prop-feed-${run_++}`);
      }),
      { numRuns: 25 },
    );
  });
});
