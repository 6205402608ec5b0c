import type { PrimeroCase, PrimeroClient } from './client.ts';
import {
  type PullCursor,
  advance,
  alreadySeen,
  initialCursor,
  instant,
  sameSecond,
  secondBounds,
} from './pull-cursor.ts';

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

/** Listings of one crowded second that may be restarted because cases in it changed meanwhile. */
const MAX_SECOND_PASSES = 20;

/** The cases of one second kept changing while Relais listed them: the cursor stays before that second. */
export class SecondKeepsChanging extends Error {
  constructor() {
    super('the cases of one second kept changing in Primero while Relais listed them; pull again later');
    this.name = 'SecondKeepsChanging';
  }
}

type Listed = { payload: PrimeroCase; id: string; lastUpdatedAt: string };

/**
 * Pulls every case updated since the cursor, oldest change first (`order_by=last_updated_at&order=asc`),
 * page after page to the end. Each page is asked for from the new `since` (keyset paging): a case updated
 * while the pull runs moves to the end of the list instead of shifting an unseen case onto a page already
 * read, as `page` numbers over one listing would.
 *
 * Keyset paging cannot get past a second holding more cases than a page (Primero compares the bound at the
 * second). That second is then listed on its own (`start..next`) by `page`, and the listing is restarted
 * whenever a case updated meanwhile could have shifted the pages: `metadata.total` changed between pages
 * (it left the window, or a new one came in), or a case already listed in this pass comes again (it moved
 * to the window's end). A listing whose total held from first page to last took in the whole
 * second; the run goes on from the next one.
 */
export async function pullCases(options: PullOptions): Promise<PullResult> {
  const per = Math.min(options.per ?? MAX_PER, MAX_PER);
  if (!Number.isInteger(per) || per < 1) throw new RangeError('per must be an integer from 1 to 1000');
  let cursor = options.cursor ?? initialCursor();
  let pulled = 0;
  let alreadyHad = 0;
  let requests = 0;
  let pages = 0;
  const taken = new Set<string>();

  const list = async (range: string, page: number) => {
    requests++;
    const listed = await options.client.listCases({
      last_updated_at: range,
      order_by: 'last_updated_at',
      order: 'asc',
      page: String(page),
      per: String(per),
    });
    const cases: Listed[] = listed.data.map((c) => {
      if (typeof c.last_updated_at !== 'string') throw new CaseWithoutTimestamp();
      instant(c.last_updated_at);
      return { payload: c, id: c.id, lastUpdatedAt: c.last_updated_at };
    });
    // A short page is the last one (Primero caps `per`; metadata says at what).
    const last = cases.length === 0 || cases.length < Math.min(per, listed.metadata.per);
    return { cases, last, total: listed.metadata.total };
  };
  /** Hands the page's new cases to the sink; the cursor is the caller's to move once this resolves. */
  const takeIn = async (cases: Listed[], under: PullCursor) => {
    const version = (c: Listed) => `${c.id} ${c.lastUpdatedAt}`;
    // Listed again after this run took it (the query restarts at `since`) is not "already had".
    const fresh = cases.filter((c) => !taken.has(version(c)) && !alreadySeen(under, c.id, c.lastUpdatedAt));
    alreadyHad += cases.filter((c) => !taken.has(version(c)) && alreadySeen(under, c.id, c.lastUpdatedAt)).length;
    for (const c of fresh) taken.add(version(c));
    if (fresh.length > 0) await options.sink(fresh.map((c) => ({ data: c.payload })));
    pulled += fresh.length;
  };
  const moved = async (next: PullCursor) => {
    cursor = next;
    await options.onPage?.({ cursor, pulled, page: ++pages });
  };

  // Where the next page starts: the cursor's `since`, or past a crowded second once that was listed whole.
  let from = cursor.since;
  // A crowded second listed whole while Primero's clock may still have been in it: a case updated then can
  // land on a page already read, unseen. Once a later case shows the clock has left that second, nothing
  // new can enter it, so it is listed once more before the cursor moves past it.
  let crowded: { start: string; next: string; under: PullCursor } | undefined;
  for (;;) {
    const { cases, last } = await list(`${from}..${END_OF_TIME}`, 1);
    if (crowded && cases.some((c) => instant(c.lastUpdatedAt) >= instant(crowded!.next))) {
      await moved(advance(cursor, await wholeSecond(crowded.start, crowded.next, crowded.under)));
      crowded = undefined;
    }
    await takeIn(cases, cursor);
    await moved(advance(cursor, cases));
    from = cursor.since;
    if (last) break;
    const first = cases[0]!.lastUpdatedAt;
    if (sameSecond(first, cases.at(-1)!.lastUpdatedAt)) {
      const { start, next } = secondBounds(first);
      // What was had before this second is judged by the cursor as it stood then, at the second listing too.
      const under = cursor;
      await moved(advance(cursor, await wholeSecond(start, next, under)));
      crowded = { start, next, under };
      // The cursor stays on a case it saw (Primero's clock may still be in that second, and a case written
      // there later must be found); only this run's listing goes on from the next second.
      if (instant(next) > instant(from)) from = next;
    }
  }
  return { cursor, pulled, alreadyHad, requests };

  /** Every case of one second (and of the next one's first instant), from a listing whose total held. */
  async function wholeSecond(start: string, next: string, under: PullCursor): Promise<Listed[]> {
    for (let pass = 0; pass < MAX_SECOND_PASSES; pass++) {
      const window: Listed[] = [];
      const inWindow = new Set<string>();
      let total: number | undefined;
      let stable = true;
      for (let page = 1; ; page++) {
        const listed = await list(`${start}..${next}`, page);
        // A case listed twice in one pass moved back behind the pages read (updated within the window).
        const again = listed.cases.some((c) => inWindow.has(c.id));
        if ((total !== undefined && listed.total !== total) || again) {
          stable = false;
          break;
        }
        total = listed.total;
        await takeIn(listed.cases, under);
        window.push(...listed.cases);
        for (const c of listed.cases) inWindow.add(c.id);
        if (listed.last) break;
      }
      if (stable) return window;
    }
    throw new SecondKeepsChanging();
  }
}
