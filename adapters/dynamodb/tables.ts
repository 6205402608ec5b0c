import { resourcesFromEnv } from '../resource-env.ts';

/**
 * The DynamoDB tables, described once as data. The local runtime creates them in dynalite from this,
 * and the CDK stateful stack (infra/) declares them from this, so keys and indexes cannot drift.
 * Each table's name reaches functions through the environment variable `env`.
 */
export interface TableSpec {
  /** Logical name; the physical name is `${prefix}${key}` locally and CDK-generated on AWS. */
  readonly key: string;
  readonly env: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes: ReadonlyArray<{ name: string; partitionKey: string; sortKey?: string }>;
  /** Attribute holding an epoch-seconds expiry: TTL on AWS, a sweep locally (dynalite has no TTL). */
  readonly ttlAttribute?: string;
}

export const TABLES = {
  records: {
    key: 'records',
    env: 'RELAIS_RECORDS_TABLE',
    partitionKey: 'id',
    indexes: [
      { name: 'byOrganisation', partitionKey: 'organisationId', sortKey: 'changeKey' },
      { name: 'bySource', partitionKey: 'sourceId', sortKey: 'changeKey' },
    ],
  },
  /** Organisations, sources, API keys, signing secrets, mapping versions: small, read-mostly items. */
  directory: {
    key: 'directory',
    env: 'RELAIS_DIRECTORY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    // Sources and API keys carry their organisationId, so an admin can list their own.
    indexes: [{ name: 'byOrganisation', partitionKey: 'organisationId', sortKey: 'pk' }],
  },
  idempotency: {
    key: 'idempotency',
    env: 'RELAIS_IDEMPOTENCY_TABLE',
    partitionKey: 'id',
    indexes: [],
    ttlAttribute: 'expiration',
  },
  /** Fixed-window request counters per credential (e.g. registry searches); expire with TTL. */
  limits: {
    key: 'limits',
    env: 'RELAIS_LIMITS_TABLE',
    partitionKey: 'id',
    indexes: [],
    ttlAttribute: 'expiration',
  },
  /**
   * The person registry: persons, record links, blocks (read from the base table, strongly consistent),
   * review items and the audit trail in one table of single-item conditional writes
   * (adapters/dynamodb/registry-store.ts).
   */
  registry: {
    key: 'registry',
    env: 'RELAIS_REGISTRY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      { name: 'byReviewStatus', partitionKey: 'reviewStatus', sortKey: 'reviewOrder' },
      { name: 'byPersonHistory', partitionKey: 'auditPerson', sortKey: 'auditOrder' },
    ],
  },
  /**
   * Referrals: under each referral's partition, the referral, its delivery facts and its inbox entries,
   * so one query reads a referral whole (adapters/dynamodb/referral-store.ts).
   */
  referrals: {
    key: 'referrals',
    env: 'RELAIS_REFERRALS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      { name: 'bySender', partitionKey: 'sentBy', sortKey: 'listOrder' },
      { name: 'byReceiver', partitionKey: 'receivedBy', sortKey: 'listOrder' },
      { name: 'byRecipient', partitionKey: 'recipientOrganisationId', sortKey: 'inboxOrder' },
      // Sparse: only referrals made under a consent record carry consentKey (<referring org>#<reference>).
      { name: 'byConsent', partitionKey: 'consentKey', sortKey: 'listOrder' },
    ],
  },
  /** The service directory: partners' services, public to every partner, no child data (core/services). */
  services: {
    key: 'services',
    env: 'RELAIS_SERVICES_TABLE',
    partitionKey: 'id',
    indexes: [
      { name: 'byOrganisation', partitionKey: 'organisationId', sortKey: 'id' },
      { name: 'byType', partitionKey: 'serviceType', sortKey: 'id' },
    ],
  },
  /** Each organisation's delivery channel, its signing secret and its delivery log (attempts expire). */
  deliveries: {
    key: 'deliveries',
    env: 'RELAIS_DELIVERIES_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    ttlAttribute: 'expiration',
  },
  /**
   * The change feed's outbox (GET /v1/changes): per organisation, a counter, the entries by sequence and
   * the once-key markers, which expire (adapters/dynamodb/change-store.ts, core/changes/feed.ts).
   */
  changes: {
    key: 'changes',
    env: 'RELAIS_CHANGES_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    ttlAttribute: 'expiration',
  },
  /**
   * The statistics projection (core/stats/ports.ts): one row per active registry person (its ChildFacts),
   * one per referral, and the national tables once published. A report reads it whole with a parallel
   * Scan, never the records table. Referral rows carry `childKey` (the child's record, or person) so a
   * child's refresh finds its referrals by query.
   */
  stats: {
    key: 'stats',
    env: 'RELAIS_STATS_TABLE',
    partitionKey: 'pk',
    indexes: [{ name: 'byChild', partitionKey: 'childKey', sortKey: 'pk' }],
  },
  /**
   * Recent minimised submissions of each source, for mapping previews (core/mapping/sample-store.ts): per
   * source partition, a round counter and ten fixed slots per outcome, overwritten in turn and expiring
   * after 14 days, so the table never grows with ingestion.
   */
  samples: {
    key: 'samples',
    env: 'RELAIS_SAMPLES_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    ttlAttribute: 'expiration',
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;

export const tableNamesFromEnv = (env: NodeJS.ProcessEnv = process.env) => resourcesFromEnv<TableKey>(TABLES, env);
