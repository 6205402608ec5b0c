import { createHash } from 'node:crypto';
import type { Change } from '../../schemas/api/changes.ts';
import type { Clock } from '../ports.ts';
import type { ChangeStore, ChangeSubject, FeedEntry } from './ports.ts';

/**
 * The change feed: an outbox of one feed per organisation, written with each change and read by sequence.
 *
 * Why an outbox and not DynamoDB Streams: dynalite has no Streams, and a Streams reader on AWS beside a
 * different reader locally would be two designs with one set of tests. A stream is also per table and
 * per shard, with 24 hours of retention: neither gives one order across records, persons and referrals,
 * nor a cursor a partner can keep for a week. The outbox costs writes (below) and works the same on
 * dynalite and DynamoDB, so the property test and the contract suite cover what runs in production.
 *
 * **Ordering without skipping.** A writer takes the feed's next sequence number from an atomic counter,
 * then writes its entry at that position with a conditional put (only if the position is empty). Two
 * writers may take 5 and 6 and commit 6 first: a reader paging by "after 5" must never move past 5 before
 * 5 is settled, or 5 committed later would be skipped for good. So a reader only ever moves its position
 * over a position that holds an entry; at the first hole it stops, and its next page starts there. A hole
 * whose writer died (a function killed between the counter and the put) would stop the feed forever, so a
 * reader seals it: it writes a seal at that position, with the same conditional put. Exactly one of the
 * writer's put and the reader's seal takes the position. If the seal wins, the writer's put fails and the
 * writer takes a new number and writes there: that number is above every position handed out so far,
 * hence above every position any reader has moved past (a reader moves only over positions that hold
 * something, and those were handed out). So:
 * - every committed change sits at a position no reader had passed when it was committed, and a reader
 *   moves past a position only after reading what it holds: no change is skipped, whatever the timing;
 * - a reader returns entries in sequence order, and its cursor is the last position it moved over, so a
 *   consumer that resumes from any cursor it was given (after a stop, a crash, a restart of Relais: the
 *   position is in the table, the counter too) sees every later change, in order, at least once.
 * Time decides only when a hole is sealed, never whether anything is skipped: a hole is sealed once the
 * entry after it was written more than SEAL_AFTER_MS ago (its number was taken after the hole's, so the
 * hole's writer has been at it at least that long). Sealing a live but slow writer's hole costs it one
 * more counter increment, nothing else. Clock skew between functions only moves that moment.
 *
 * **At least once across crashes.** The change and its entry are two writes, without a transaction (dynalite
 * has none). Each writer appends after its change is stored, under a once-key naming the change, and puts a
 * marker for the key after the entry: a retried step (an SQS redelivery, a partner's retried push) finds
 * the marker and appends nothing, and one killed between its entry and its marker appends the change
 * again: a duplicate, never a loss. Copies of one change share their item id, derived from the key.
 *
 * Order *per resource* is the order the changes were appended, which is the order they were made except
 * when two requests change the same resource at the same moment: each item carries its resource's version
 * (a record's content hash, a referral's version), and the consumer reads the resource itself anyway.
 *
 * Cost: a change is 3 writes per feed it goes to (counter, entry, marker) and 1 read (the marker, skipped
 * for a record version the caller has just stored); a page is 1 query, plus a seal per dead writer.
 */

/** How long after the next entry a hole is taken for a dead writer's (twice the longest function run). */
export const SEAL_AFTER_MS = 130_000;
/** A once-key's marker is kept this long: a retry later than that appends a duplicate (still at least once). */
export const MARKER_DAYS = 14;
/** Conditional puts lost in a row before an append gives up (each loss means a reader sealed a hole). */
const MAX_CLAIMS = 8;
/** Queries one page may make (each after a hole was sealed), so a page always ends. */
const MAX_QUERIES = 4;

export interface FeedDeps {
  changes: ChangeStore;
  clock: Clock;
}

/** The id every copy of one change carries in one feed. */
export const changeIdFor = (feed: string, onceKey: string): string =>
  `chg_${createHash('sha256').update(`${feed}\u0000${onceKey}`).digest('hex').slice(0, 32)}`;

/**
 * Appends a change to one feed, once per `onceKey` (see above); answers its position, or undefined if already
 * there. `justMade`: the caller's own write made the change a moment ago (a record put answered `created`), so
 * no earlier attempt can have appended it and the marker need not be read (one request less).
 */
export async function appendOnce(
  deps: FeedDeps,
  feed: string,
  onceKey: string,
  subject: ChangeSubject,
  change: Change,
  justMade = false,
): Promise<number | undefined> {
  if (!justMade && (await deps.changes.hasMarker(feed, onceKey))) return undefined;
  const id = changeIdFor(feed, onceKey);
  for (let attempt = 0; attempt < MAX_CLAIMS; attempt++) {
    const sequence = await deps.changes.allocate(feed);
    const entry: FeedEntry = {
      kind: 'change',
      sequence,
      writtenAt: deps.clock.now().toISOString(),
      id,
      subject,
      change,
    };
    if (await deps.changes.claim(feed, entry)) {
      const expires = Math.floor(deps.clock.now().getTime() / 1000) + MARKER_DAYS * 86_400;
      await deps.changes.putMarker(feed, onceKey, expires);
      return sequence;
    }
  }
  // Only readers sealing this writer's positions again and again get here: a clock far off, or a store failing.
  throw new Error(`change feed: ${MAX_CLAIMS} positions in a row were sealed before this change could take one`);
}

export interface FeedPage {
  /** The changes read, in sequence order (seals are not returned). */
  entries: Array<Extract<FeedEntry, { kind: 'change' }>>;
  /** The last position moved over: where the next page starts. */
  position: number;
}

/**
 * Up to `limit` changes after `after`, stopping at the first hole that is not yet old enough to seal.
 * Positions sealed or holding changes are moved over; the answer's position is always safe to resume from.
 */
export async function readFeed(deps: FeedDeps, feed: string, after: number, limit: number): Promise<FeedPage> {
  const entries: FeedPage['entries'] = [];
  let position = after;
  for (let query = 0; query < MAX_QUERIES && entries.length < limit; query++) {
    const found = await deps.changes.entriesAfter(feed, position, limit - entries.length);
    if (found.length === 0) break;
    let blocked = false;
    let lostSeal = false;
    for (const entry of found) {
      while (position + 1 < entry.sequence) {
        // A hole before `entry`: its writer is under way, or dead.
        const waited = deps.clock.now().getTime() - Date.parse(entry.writtenAt);
        if (waited < SEAL_AFTER_MS) {
          blocked = true;
          break;
        }
        const seal: FeedEntry = { kind: 'seal', sequence: position + 1, writtenAt: deps.clock.now().toISOString() };
        if (!(await deps.changes.claim(feed, seal))) {
          // Its writer committed just now: read the position again rather than pass it.
          lostSeal = true;
          break;
        }
        position += 1;
      }
      if (blocked || lostSeal) break;
      position = entry.sequence;
      if (entry.kind === 'change') entries.push(entry);
    }
    if (blocked) break;
  }
  return { entries, position };
}
