import type { ApiKeyRecord, CanonicalRecord, Organisation, Source, UnmappedCode } from '../schemas/canonical/index.ts';
import type { Mapping, MappingTarget } from '../schemas/mapping/language.ts';
import type { FieldIssue } from './errors/field-issue.ts';

/**
 * What the core needs from the outside world. Adapters implement these: adapters/dynamodb for AWS and
 * the local runtime, adapters/memory for fast unit tests.
 */

export type PutOutcome = 'created' | 'updated' | 'unchanged';

export interface RecordStore {
  /**
   * Stores a record unless the stored one is newer or has the same content. Must be a single conditional
   * write so that concurrent and out-of-order deliveries converge on the same result.
   */
  put(record: CanonicalRecord): Promise<PutOutcome>;
  get(id: string): Promise<CanonicalRecord | undefined>;
  list(query: RecordQuery): Promise<RecordPage>;
}

export interface RecordQuery {
  organisationId: string;
  sourceId?: string;
  /** ISO date-time: records stored strictly after it. */
  updatedSince?: string;
  /** Opaque position returned by a previous page. */
  cursor?: string;
  limit: number;
}

export interface RecordPage {
  items: CanonicalRecord[];
  nextCursor?: string;
}

export interface Directory {
  getOrganisation(id: string): Promise<Organisation | undefined>;
  getSource(id: string): Promise<Source | undefined>;
  getApiKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Standard Webhooks secrets (`whsec_…`) that currently verify for a source: two during rotation. */
  getSigningSecrets(sourceId: string): Promise<string[]>;
}

/** Writes to the directory, for administrators and operators. Creations are conditional: never overwrite. */
export interface DirectoryAdmin extends Directory {
  createOrganisation(org: Organisation): Promise<'created' | 'exists'>;
  createSource(source: Source): Promise<'created' | 'exists'>;
  listSources(organisationId: string): Promise<Source[]>;
  putApiKey(key: ApiKeyRecord): Promise<void>;
  listApiKeys(organisationId: string): Promise<ApiKeyRecord[]>;
  addSigningSecret(sourceId: string, secretId: string, secret: string, createdAt: string): Promise<void>;
  listSigningSecrets(sourceId: string): Promise<Array<{ id: string; createdAt: string }>>;
  removeSigningSecret(sourceId: string, secretId: string): Promise<void>;
}

/** Hands stored records to the registry's matcher, off the request path (SQS FIFO in production). */
export interface MatchQueue {
  /** All or nothing from the caller's view: throws when any record could not be queued (a retry is safe). */
  enqueue(records: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void>;
}

/** Counts uses of a key per fixed window; refuses once the limit is reached. */
export interface RateLimiter {
  consume(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Turns one payload in a source's own format into the canonical shape. `origins` maps canonical
 * pointers (e.g. /person/sex) to pointers in the payload (e.g. /enfant~1sexe) so that a later
 * validation error can name the field the partner actually sent.
 */
export type NormaliseResult =
  | { ok: true; record: unknown; origins?: Readonly<Record<string, string>>; otherValues?: ReadonlyArray<UnmappedCode> }
  /** `skipped`: the mapping's own skip condition matched (e.g. a submission a supervisor rejected): not an error, not stored. */
  | { ok: false; issues: FieldIssue[]; skipped?: boolean };

/** What normalising knows of a payload besides its content. */
export interface NormaliseContext {
  /**
   * When Relais received the record (ISO 8601): the reference date of an age stated `reference: received`.
   * Ingestion passes the receipt time it stores; without it, the moment the payload is normalised.
   */
  readonly receivedAt?: string;
}

export interface Normaliser {
  readonly mappingVersion: string;
  /** What each payload becomes: a record (the default, and the canonical passthrough) or a referral request. */
  readonly target?: MappingTarget;
  /** The mapping document it runs, when it runs one (not the canonical passthrough): what minimises samples. */
  readonly mapping?: Mapping;
  normalise(payload: unknown, context?: NormaliseContext): NormaliseResult;
}
