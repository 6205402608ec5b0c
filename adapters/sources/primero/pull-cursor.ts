import * as z from 'zod';

/**
 * Where a pull of Primero cases stands: every case updated before the second of `since` is taken in, and
 * within that second exactly the cases of `seen`, each with the `last_updated_at` it had. `since` is always
 * the latest `last_updated_at` taken in, a time Primero's clock has reached: a case written afterwards is
 * stamped no earlier, so it is found.
 *
 * Primero's date-range filter is inclusive (`last_updated_at=from..to`), so asking from `since` returns the
 * cases stamped exactly `since` again: they are recognised and not pulled twice, while a case updated again
 * (a new `last_updated_at`) is. The whole second is kept, not the instant, because the filter may compare
 * at a coarser precision than the milliseconds Primero returns: a case earlier in that second would come
 * back and must be recognised too. Without this set, either ties at `since` would be skipped (a strict
 * filter) or pulled on every run (an inclusive one). Primero does compare at the second: its date filter
 * writes the bound with Ruby's `Time#iso8601`, which drops the fractional seconds.
 */
export const PullCursor = z.strictObject({
  since: z.iso.datetime({ offset: true }),
  seen: z.record(z.string().min(1), z.string()),
});
export type PullCursor = z.infer<typeof PullCursor>;

/** The cursor before any pull: every case is new. */
export function initialCursor(since?: string): PullCursor {
  return { since: since ?? '1970-01-01T00:00:00.000Z', seen: {} };
}

export function instant(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${timestamp}`);
  return ms;
}

const secondOf = (ms: number) => Math.floor(ms / 1000);

/** Whether this case, as listed now, was already taken in under this cursor. */
export function alreadySeen(cursor: PullCursor, id: string, lastUpdatedAt: string): boolean {
  return cursor.seen[id] === lastUpdatedAt;
}

/**
 * The cursor once these cases are taken in: `since` moves to the latest of them (never back), and `seen`
 * keeps the cases of the new `since`'s second only, so it stays as small as the ties are.
 */
export function advance(cursor: PullCursor, cases: ReadonlyArray<{ id: string; lastUpdatedAt: string }>): PullCursor {
  let since = cursor.since;
  let sinceMs = instant(since);
  for (const c of cases) {
    const ms = instant(c.lastUpdatedAt);
    if (ms > sinceMs) {
      since = c.lastUpdatedAt;
      sinceMs = ms;
    }
  }
  const second = secondOf(sinceMs);
  const seen: Record<string, string> = {};
  const keep = (id: string, at: string) => {
    if (secondOf(instant(at)) === second) seen[id] = at;
  };
  for (const [id, at] of Object.entries(cursor.seen)) keep(id, at);
  for (const c of cases) keep(c.id, c.lastUpdatedAt);
  return { since, seen };
}

export const sameSecond = (a: string, b: string): boolean => secondOf(instant(a)) === secondOf(instant(b));

/** The start of the second of `timestamp`, and of the next one, as ISO strings. */
export function secondBounds(timestamp: string): { start: string; next: string } {
  const start = secondOf(instant(timestamp)) * 1000;
  return { start: new Date(start).toISOString(), next: new Date(start + 1000).toISOString() };
}
