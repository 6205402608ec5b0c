import type { AuditEvent, RecordLink, RegistryPerson, ReviewItem } from './model.ts';

/**
 * What the registry needs from storage. Every write is ONE item, conditional, and idempotent: DynamoDB
 * transactions are not available locally (dynalite) and are not needed. `expectedVersion` undefined
 * means "create, only if absent"; a number means "replace, only if the stored version is that one".
 * A write whose condition fails returns false; the use cases re-read and retry.
 */
export interface RegistryStore {
  getLink(recordId: string): Promise<RecordLink | undefined>;
  putLink(link: RecordLink, expectedVersion?: number): Promise<boolean>;

  getPerson(id: string): Promise<RegistryPerson | undefined>;
  /** Missing ids are left out. */
  getPersons(ids: readonly string[]): Promise<RegistryPerson[]>;
  putPerson(person: RegistryPerson, expectedVersion?: number): Promise<boolean>;

  /** Adds blocking-key entries for a person (idempotent). */
  indexPerson(personId: string, keys: readonly string[]): Promise<void>;
  unindexPerson(personId: string, keys: readonly string[]): Promise<void>;
  /**
   * The persons filed under each key. A key holding more than `maxPerKey` persons is too common to
   * block on (a stop key): it comes back with `overflow` and at most `maxPerKey + 1` ids.
   */
  lookup(keys: readonly string[], maxPerKey: number): Promise<BlockHit[]>;

  getReview(id: string): Promise<ReviewItem | undefined>;
  putReview(review: ReviewItem, expectedVersion?: number): Promise<boolean>;
  listReviews(query: ReviewQuery): Promise<ReviewPage>;

  /** Idempotent on the event id. */
  appendAudit(event: AuditEvent): Promise<void>;
  listAudit(personId: string): Promise<AuditEvent[]>;
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
