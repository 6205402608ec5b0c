import type { TableKey } from '../adapters/dynamodb/tables.ts';
import { resourcesFromEnv } from '../adapters/resource-env.ts';
import { MAX_ATTEMPTS as DELIVERY_ATTEMPTS } from '../core/delivery/retry-schedule.ts';

/**
 * Every queue of Relais, once, like routes.ts for HTTP: the local runtime creates them in
 * local-aws-sqs and polls them, the CDK stacks deploy each as an SQS FIFO queue with its FIFO DLQ and
 * attach the consumer. Producers find a queue's URL in the environment variable `env`.
 */
export interface QueueSpec {
  readonly key: string;
  readonly env: string;
  readonly consumer: {
    /** The handler module, relative to the project root; it exports `handler`. */
    readonly entry: string;
    readonly functionName: string;
    readonly timeoutSeconds: number;
    readonly batchSize: number;
    readonly tables: Readonly<Partial<Record<TableKey, 'read' | 'readwrite'>>>;
    /** The queues this consumer sends to (the change feed's pushes ride on the delivery queue): granted exactly this. */
    readonly sends?: readonly string[];
    /**
     * How many pollers the local runtime runs for this queue, each playing one concurrent Lambda consumer
     * (on AWS, Lambda runs up to one per active message group). Unset: 2.
     */
    readonly localConsumers?: number;
  };
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  /**
   * For a queue whose DLQ admin routes may redrive: the environment variable holding the DLQ's URL, set
   * only for the functions that declare `'redrive'` on the queue.
   */
  readonly dlqEnv?: string;
}

export const QUEUES = {
  /** Records to put into the person registry: matching runs off the request path. */
  matching: {
    key: 'matching',
    env: 'RELAIS_MATCHING_QUEUE_URL',
    consumer: {
      entry: 'functions/queue/match-records.ts',
      functionName: 'matchRecords',
      timeoutSeconds: 60,
      batchSize: 10,
      tables: { records: 'read', registry: 'readwrite', changes: 'readwrite' },
      // A person change queues a push of the change feed to a subscribed webhook, and the child's statistics row.
      sends: ['referralDelivery', 'statsRefresh'],
    },
    maxReceiveCount: 5,
  },
  /**
   * Referral events to deliver to the other organisation (functions/queue/deliver-referral-events.ts).
   * The consumer reschedules a failed message along the retry schedule (a visibility change), and the
   * DLQ takes it after the schedule's last attempt.
   */
  referralDelivery: {
    key: 'referralDelivery',
    env: 'RELAIS_REFERRAL_DELIVERY_QUEUE_URL',
    consumer: {
      entry: 'functions/queue/deliver-referral-events.ts',
      functionName: 'deliverReferralEvents',
      // A 15 s webhook timeout per message, for up to 4 messages in a batch (handled one after the other, to
      // keep order per referral), and a margin. Four, not one: each batch costs a receive and a delete, and
      // under load they are shared by four referrals (bench:referrals counts them).
      timeoutSeconds: 65,
      batchSize: 4,
      tables: { referrals: 'readwrite', deliveries: 'readwrite', changes: 'readwrite' },
      // Referral changes and delivery outcomes queue pushes of the change feed; a long push queues its sequel;
      // an event for an organisation that runs FHIR queues the referral's push to its server; a referral given
      // up on is refreshed in the statistics projection.
      sends: ['referralDelivery', 'fhirPush', 'statsRefresh'],
      // A delivery mostly waits (on the receiver, on the store): with two, referrals queued faster than two
      // round trips at a time waited seconds locally for nothing (bench:referrals: p50 from POST to the
      // receiver's answer about 2.5 s with two, about 1.1 s with eight, and more referrals per second).
      localConsumers: 8,
    },
    // Attempts are counted in the deliveries table; receives may run ahead of them (a crash, a redelivery).
    maxReceiveCount: DELIVERY_ATTEMPTS * 2,
    dlqEnv: 'RELAIS_REFERRAL_DELIVERY_DLQ_URL',
  },
  /**
   * FHIR Bundles to push to the organisations' FHIR servers (functions/queue/push-fhir-bundles.ts), on the
   * referral delivery's retry schedule and, after its last attempt, into the DLQ. Ids only in messages.
   */
  fhirPush: {
    key: 'fhirPush',
    env: 'RELAIS_FHIR_PUSH_QUEUE_URL',
    consumer: {
      entry: 'functions/queue/push-fhir-bundles.ts',
      functionName: 'pushFhirBundles',
      // A 30 s request timeout (a transaction takes a server a while) for each of 2 messages, and a margin.
      timeoutSeconds: 65,
      batchSize: 2,
      // The Bundle builder reads the referral as the organisation may see it, and records a receiver's read of
      // the child on it (a `read` fact); the endpoint and the attempt counter are in the deliveries table.
      tables: { referrals: 'readwrite', records: 'read', registry: 'read', deliveries: 'readwrite' },
      localConsumers: 2,
    },
    maxReceiveCount: DELIVERY_ATTEMPTS * 2,
  },
  /**
   * Children whose statistics row (core/stats/refresh.ts) to compute again, one message group per person:
   * two refreshes of one child never run at once, so the last to run read the last state and no stale row
   * overwrites a newer one. Not the change feed: it is kept per organisation, so a national projection
   * would need a reader of every organisation's feed on a schedule, and would still have to serialise its
   * recomputes per child.
   */
  statsRefresh: {
    key: 'statsRefresh',
    env: 'RELAIS_STATS_REFRESH_QUEUE_URL',
    consumer: {
      entry: 'functions/queue/refresh-stats.ts',
      functionName: 'refreshStats',
      timeoutSeconds: 60,
      batchSize: 10,
      tables: { directory: 'read', records: 'read', registry: 'read', referrals: 'read', stats: 'readwrite' },
      // A merged person's refresh becomes its survivor's, in the survivor's group.
      sends: ['statsRefresh'],
    },
    maxReceiveCount: 5,
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueKey = keyof typeof QUEUES;

/** The queues whose DLQ a route may declare `'redrive'` on: those that name a `dlqEnv`. */
export type RedrivableQueueKey = {
  [K in QueueKey]: (typeof QUEUES)[K] extends { dlqEnv: string } ? K : never;
}[QueueKey];

export const queueUrlsFromEnv = (env: NodeJS.ProcessEnv = process.env) => resourcesFromEnv<QueueKey>(QUEUES, env);

/** The DLQs a function may redrive, by queue: each spec's `dlqEnv`, which only a redriving function has. */
export const redrivableQueues = (Object.values(QUEUES) as QueueSpec[]).filter(
  (spec): spec is QueueSpec & { dlqEnv: string } => spec.dlqEnv !== undefined,
);

export const deadLetterQueueUrlsFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  resourcesFromEnv<RedrivableQueueKey>(
    Object.fromEntries(redrivableQueues.map((spec) => [spec.key, { env: spec.dlqEnv }])) as Record<
      RedrivableQueueKey,
      { env: string }
    >,
    env,
  );
