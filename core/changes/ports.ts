import type { Change } from '../../schemas/api/changes.ts';

/**
 * Whose change an entry is, kept with it so that reading asks the access policy (core/access) about each
 * entry rather than trusting the partition it was read from. Never returned to a caller.
 */
export type ChangeSubject =
  | { kind: 'record'; organisationId: string }
  | { kind: 'referral'; referringOrganisationId: string; receivingOrganisationId: string };

/** A position of a feed: a change, or a seal a reader put on a position its writer never filled. */
export type FeedEntry =
  | {
      kind: 'change';
      sequence: number;
      /** When the entry was written (the feed's clock, not the change's own time). */
      writtenAt: string;
      /** The same for every copy of one change. */
      id: string;
      subject: ChangeSubject;
      change: Change;
    }
  | { kind: 'seal'; sequence: number; writtenAt: string };

/**
 * The outbox behind the change feed (core/changes/feed.ts holds the ordering argument; adapters only
 * provide these primitives). One feed per organisation.
 */
export interface ChangeStore {
  /** The feed's next sequence number (1 for the first), atomically: no two callers ever get the same one. */
  allocate(feed: string): Promise<number>;
  /** Writes the entry at its sequence unless that position holds one already; true when this write took it. */
  claim(feed: string, entry: FeedEntry): Promise<boolean>;
  /** Up to `limit` entries after the sequence `after`, in sequence order, read strongly consistent. */
  entriesAfter(feed: string, after: number, limit: number): Promise<FeedEntry[]>;
  /** Whether a change with this once-key was appended to the feed (markers expire; see feed.ts). */
  hasMarker(feed: string, key: string): Promise<boolean>;
  putMarker(feed: string, key: string, expiresAtSeconds: number): Promise<void>;
  /** Where a reader Relais runs itself (the webhook pusher) stopped in a feed: a position readFeed gave it. */
  readerPosition(feed: string, reader: string): Promise<number | undefined>;
  saveReaderPosition(feed: string, reader: string, position: number): Promise<void>;
}

/** Queues a push of an organisation's feed to its subscribed webhook (adapters/sqs/change-push-queue.ts). */
export interface ChangePushQueue {
  nudge(organisationId: string, sequence: number): Promise<void>;
}
