import type { PrimeroCase, PrimeroClient } from './client.ts';
import { type PullCursor, advance, alreadySeen, initialCursor, instant } from './pull-cursor.ts';

/** Primero's largest page (doc/api/cases/get.md). */
export const MAX_PER = 1000;

/** Far enough ahead that the range is open-ended, written as the documented `from..to`. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** A listed case without `last_updated_at`: the Primero user may not see the field, and no cursor can pass it. */
export class CaseWithoutTimestamp extends Error {
  constructor() {
    super(
      'Primero listed a case without last_updated_at: the Primero user needs permission to read that field for incremental pulls',
    );
    this.name = 'CaseWithoutTimestamp';
  }
}

export interface PullOptions {
  client: Pick<PrimeroClient, 'listCases'>;
  cursor?: PullCursor;
  /** Cases per page, at most 1000 (Primero's limit). */
  per?: number;
  /**
   * Takes in one page's new cases, each as `{data: case}` (the shape the Primero mapping reads, as from
   * `GET /api/v2/cases/:id` or a webhook). The cursor moves past them only once this resolves.
   */
  sink: (payloads: Array<{ data: PrimeroCase }>) => Promise<void>;
  /** Called with the cursor after each page is taken in, for the caller to keep it. */
  onPage?: (progress: { cursor: PullCursor; pulled: number; page: number }) => Promise<void> | void;
}

export interface PullResult {
  cursor: PullCursor;
  /** Cases handed to the sink. */
  pulled: number;
  /** Cases listed that the cursor given already had (ties at its `since`), not taken again. */
  alreadyHad: number;
  requests: number;
}

/**
 * Pulls every case updated since the cursor, oldest change first (`order_by=last_updated_at&order=asc`),
 * following pages to the end. After each page the query starts again from the new `since` (keyset
 * paging): a case updated while the pull runs moves to the end of the list instead of shifting an unseen
 * case onto a page already read. Only a page wholly within the cursor's second (more ties than `per`)
 * is followed by `page` number.
 */
export async function pullCases(options: PullOptions): Promise<PullResult> {
  const per = Math.min(options.per ?? MAX_PER, MAX_PER);
  if (!Number.isInteger(per) || per < 1) throw new RangeError('per must be an integer from 1 to 1000');
  let cursor = options.cursor ?? initialCursor();
  let page = 1;
  let pulled = 0;
  let alreadyHad = 0;
  let requests = 0;
  const taken = new Set<string>();
  for (;;) {
    requests++;
    const listed = await options.client.listCases({
      last_updated_at: `${cursor.since}..${END_OF_TIME}`,
      order_by: 'last_updated_at',
      order: 'asc',
      page: String(page),
      per: String(per),
    });
    const cases = listed.data.map((c) => {
      if (typeof c.last_updated_at !== 'string') throw new CaseWithoutTimestamp();
      instant(c.last_updated_at);
      return { payload: c, id: c.id, lastUpdatedAt: c.last_updated_at };
    });
    const fresh = cases.filter((c) => !alreadySeen(cursor, c.id, c.lastUpdatedAt));
    // Listed again after this run took it (the query restarts at `since`) is not "already had".
    alreadyHad += cases.filter((c) => !fresh.includes(c) && !taken.has(c.id)).length;
    for (const c of fresh) taken.add(c.id);
    if (fresh.length > 0) await options.sink(fresh.map((c) => ({ data: c.payload })));
    pulled += fresh.length;
    const next = advance(cursor, cases);
    const moved = next.since !== cursor.since;
    cursor = next;
    await options.onPage?.({ cursor, pulled, page });
    // A short page is the last one: the server has nothing after it (Primero caps `per`, metadata says at what).
    if (cases.length < Math.min(per, listed.metadata.per) || cases.length === 0) break;
    page = moved ? 1 : page + 1;
  }
  return { cursor, pulled, alreadyHad, requests };
}
