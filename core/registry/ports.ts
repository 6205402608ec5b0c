import type { AuditEvent, RecordLink, RegistryPerson, ReviewItem } from './model.ts';

/**
 * What the registry needs from storage. Every write is ONE item, conditional, and idempotent: DynamoDB
 * transactions are not available locally (dynalite) and are not needed. `expectedVersion` undefined
 * means "create, only if absent"; a number means "replace, only if the stored version is that one".
 * A write whose condition fails returns false; the use cases re-read and retry.
 */
export interface RegistryStore {
  getLink(recordId: string): Promise<RecordLink | undefined>;
  /** Missing links are left out; any number of ids (the adapter batches its reads). */
  getLinks(recordIds: readonly string[]): Promise<RecordLink[]>;
  putLink(link: RecordLink, expectedVersion?: number): Promise<boolean>;

  getPerson(id: string): Promise<RegistryPerson | undefined>;
  /** Missing ids are left out; any number of ids (the adapter batches its reads). */
  getPersons(ids: readonly string[]): Promise<RegistryPerson[]>;
  putPerson(person: RegistryPerson, expectedVersion?: number): Promise<boolean>;

  /**
   * Files a person under blocking keys (idempotent: a block is a set). A block that reaches
   * BLOCK_CAPACITY persons stops growing and stays a stop key for good, even if persons leave it later:
   * a block that once dropped ids must never pass for complete.
   */
  indexPerson(personId: string, keys: readonly string[]): Promise<void>;
  unindexPerson(personId: string, keys: readonly string[]): Promise<void>;
  /**
   * The persons filed under each key, strongly consistent: every indexPerson and unindexPerson that
   * completed before the lookup began is seen (the concurrency argument of match-record.ts rests on it).
   * A key holding more than `maxPerKey` persons (at most BLOCK_CAPACITY - 1) is too common to block on
   * (a stop key): it comes back with `overflow` and at most `maxPerKey + 1` ids.
   */
  lookup(keys: readonly string[], maxPerKey: number): Promise<BlockHit[]>;

  getReview(id: string): Promise<ReviewItem | undefined>;
  putReview(review: ReviewItem, expectedVersion?: number): Promise<boolean>;
  listReviews(query: ReviewQuery): Promise<ReviewPage>;

  /** Idempotent on the event id: a retry keeps the event first written. */
  appendAudit(event: AuditEvent): Promise<void>;
  /** One page of a person's events in history order (see history-cursor.ts), reading no more than that. */
  listAudit(personId: string, query: AuditQuery): Promise<AuditPage>;
}

/** Persons a block holds at most (about 8 KB of ids on DynamoDB): far above any useful block. */
export const BLOCK_CAPACITY = 256;

export interface AuditQuery {
  limit: number;
  /** A history cursor (history-cursor.ts) returned by a previous page; an invalid one is a 400. */
  cursor?: string | undefined;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor?: string;
}

export interface BlockHit {
  key: string;
  personIds: string[];
  overflow: boolean;
}

export interface ReviewQuery {
  status: ReviewItem['status'];
  limit: number;
  /** Opaque position returned by a previous page. */
  cursor?: string;
}

export interface ReviewPage {
  items: ReviewItem[];
  nextCursor?: string;
}
