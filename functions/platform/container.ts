import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { type GrantSource, noGrants } from '../../core/access/scope.ts';
import { type Clock, type Normaliser, systemClock } from '../../core/ports.ts';
import { builtinNormaliser } from '../../adapters/sources/index.ts';
import type { SourceTool } from '../../schemas/canonical/codes.ts';
import { createDynamoClients, type DynamoClients } from '../../adapters/dynamodb/client.ts';
import { DynamoAttemptRecorder } from '../../adapters/dynamodb/attempt-recorder.ts';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { DynamoMappingStore } from '../../adapters/dynamodb/mapping-store.ts';
import { DynamoRateLimiter } from '../../adapters/dynamodb/rate-limiter.ts';
import { DynamoRecordStore } from '../../adapters/dynamodb/record-store.ts';
import { DynamoRegistryStore } from '../../adapters/dynamodb/registry-store.ts';
import { DynamoServiceDirectory } from '../../adapters/dynamodb/service-directory.ts';
import type { RegistryDeps } from '../../core/registry/deps.ts';
import { DEFAULT_PROFILE, type MatchProfile, PROFILE_NAMES, profileNamed } from '../../core/matching/profiles.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import { SqsMatchQueue } from '../../adapters/sqs/match-queue.ts';
import { type QueueKey, deadLetterQueueUrlsFromEnv, queueUrlsFromEnv } from '../queues.ts';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoReferralStore } from '../../adapters/dynamodb/referral-store.ts';
import { DynamoChangeStore } from '../../adapters/dynamodb/change-store.ts';
import type { ChangeStore } from '../../core/changes/ports.ts';
import { feedingChanges } from '../../core/changes/registry-changes.ts';
import { notifyingChanges, type PushDeps } from '../../core/delivery/push-changes.ts';
import { SqsChangePushQueue } from '../../adapters/sqs/change-push-queue.ts';
import { DynamoChannelStore } from '../../adapters/dynamodb/channel-store.ts';
import { SqsReferralQueue } from '../../adapters/sqs/referral-queue.ts';
import { sendWebhook } from '../../adapters/outbound/webhook-sender.ts';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import type { ReferralDeps } from '../../core/referrals/refer.ts';
import { parseResponseHours } from '../../core/referrals/priority.ts';
import type { DeliveryDeps } from '../../core/delivery/deliver-event.ts';
import { cachedChannels } from '../../core/delivery/channel-cache.ts';
import { cachedRouting } from '../../core/services/routing-cache.ts';
import type { ServiceDirectory } from '../../core/services/ports.ts';
import type { ChannelStore } from '../../core/delivery/channels.ts';
import type { ChannelDeps } from '../../core/delivery/configure.ts';
import type { DeadLetterDeps } from '../../core/delivery/dead-letters.ts';
import { SqsDeadLetterQueue } from '../../adapters/sqs/dead-letters.ts';
import { InvocationLogFormatter } from './invocation-log.ts';
import { DynamoFhirEndpointStore } from '../../adapters/dynamodb/fhir-endpoint-store.ts';
import { SqsFhirPushQueue } from '../../adapters/sqs/fhir-push-queue.ts';
import type { FhirEndpointDeps } from '../../core/fhir/endpoints.ts';
import { tableNamesFromEnv } from '../../adapters/dynamodb/tables.ts';
import { type CursorKeySource, cursorKeyFrom } from './cursor-key.ts';
import { DynamoStatsStore } from '../../adapters/dynamodb/stats-store.ts';
import { SqsStatsRefreshQueue } from '../../adapters/sqs/stats-refresh-queue.ts';
import { builtinMappings, type MappedTool } from '../../adapters/sources/index.ts';
import type { StatsRefreshQueue } from '../../core/stats/ports.ts';
import type { RefreshDeps } from '../../core/stats/refresh.ts';
import { type StatisticsSettings, statisticsFromEnv } from '../../core/stats/policy.ts';
import { DynamoSampleStore } from '../../adapters/dynamodb/sample-store.ts';
import type { SampleStore } from '../../core/mapping/sample-store.ts';
import { SampleRecorder } from '../../core/mapping/source-samples.ts';

/**
 * The one composition root: builds clients and adapters from the environment, once per Lambda
 * container (or once per local process). Handlers ask it for what they need and nothing else.
 */
export interface Container {
  dynamo: DynamoClients;
  records: DynamoRecordStore;
  directory: DynamoDirectory;
  mappings: DynamoMappingStore;
  /** The service directory partners refer children to (core/services). */
  services: ServiceDirectory;
  builtinNormaliser(tool: SourceTool): Normaliser;
  /** Recent minimised submissions per source, for mapping previews (GET /v1/admin/sources/{id}/samples). */
  samples: SampleStore;
  /** Takes those samples on ingestion, at most one per source and outcome a minute in this process. */
  sampling: SampleRecorder;
  limiter: DynamoRateLimiter;
  registry: RegistryDeps;
  matching: SqsMatchQueue;
  /** The change feed's outbox (core/changes): written with each change, read by GET /v1/changes. */
  changes: ChangeStore;
  /** What other organisations have been granted (core/access/scope.ts): referrals open their own view themselves. */
  grants: GrantSource;
  /** Making, answering and reading referrals (core/referrals). */
  referralDeps: ReferralDeps;
  /** Delivering referral events to each organisation's channel (core/delivery). */
  delivery: DeliveryDeps;
  /** Pushing change feeds to subscribed webhooks, with the same machinery (core/delivery/push-changes.ts). */
  pushDeps: PushDeps;
  channels: ChannelStore;
  channelDeps: ChannelDeps;
  /**
   * Listing and redriving the referral delivery DLQ (core/delivery/dead-letters.ts). Only the functions
   * that declare 'redrive' have its URL: the others fail on first use, never at start.
   */
  deadLetterDeps: DeadLetterDeps;
  /**
   * Organisations' FHIR servers (core/fhir): where they are, and queueing pushes to them. The client that talks
   * to them is built by functions/platform/fhir-container.ts, for the functions that do.
   */
  fhirEndpointDeps: FhirEndpointDeps;
  fhirPushQueue: SqsFhirPushQueue;
  /** The statistics projection (core/stats): its store, and what refreshing a child's row reads. */
  stats: DynamoStatsStore;
  statsQueue: StatsRefreshQueue;
  statsRefresh: RefreshDeps;
  /** The deployment's statistics policy and who may see the organisation dimension (RELAIS_STATS_*). */
  statistics: StatisticsSettings;
  sqs: SQSClient;
  queueUrls: Record<QueueKey, string>;
  /** Only the local runtime sets it (RELAIS_ALLOW_HTTP_LOOPBACK=1): webhooks over http to loopback, for demos and tests. */
  allowHttpLoopback: boolean;
  idempotency: DynamoDBPersistenceLayer;
  clock: Clock;
  /** The key sealing list cursors (functions/platform/cursors.ts). */
  cursorKey: CursorKeySource;
  logger: Logger;
  metrics: Metrics;
}

let current: Container | undefined;

export function container(): Container {
  current ??= build(process.env);
  return current;
}

/** Forget the built container: tests and the local runtime call it after changing the environment. */
export function resetContainer(): void {
  current = undefined;
}

function build(env: NodeJS.ProcessEnv): Container {
  const tables = tableNamesFromEnv(env);
  const queues = queueUrlsFromEnv(env);
  const sqs = createSqsClient(env.RELAIS_SQS_ENDPOINT ? { endpoint: env.RELAIS_SQS_ENDPOINT } : {});
  const dynamo = createDynamoClients(env.RELAIS_DYNAMODB_ENDPOINT ? { endpoint: env.RELAIS_DYNAMODB_ENDPOINT } : {});
  const records = new DynamoRecordStore(dynamo.doc, tables.records);
  const channels = cachedChannels(new DynamoChannelStore(dynamo.doc, tables.deliveries), systemClock);
  const pushes = new SqsChangePushQueue(sqs, queues.referralDelivery);
  // Each change a subscribed webhook wants queues a push (core/delivery/push-changes.ts).
  const changes = notifyingChanges(new DynamoChangeStore(dynamo.doc, tables.changes), { channels, pushes });
  // Every link, merge and split reaches the change feed through the audit event it writes.
  const registryStore = feedingChanges(new DynamoRegistryStore(dynamo.doc, tables.registry), {
    changes,
    clock: systemClock,
  });
  const { directory: services, routing } = cachedRouting(
    new DynamoServiceDirectory(dynamo.doc, tables.services),
    systemClock,
  );
  const referrals = new DynamoReferralStore(dynamo.doc, tables.referrals);
  const allowHttpLoopback = env.RELAIS_ALLOW_HTTP_LOOPBACK === '1';
  const fhirEndpoints = new DynamoFhirEndpointStore(dynamo.doc, tables.deliveries);
  const directory = new DynamoDirectory(dynamo.doc, tables.directory);
  const mappings = new DynamoMappingStore(dynamo.doc, tables.directory);
  const stats = new DynamoStatsStore(dynamo.doc, tables.stats);
  const statsQueue = new SqsStatsRefreshQueue(sqs, queues.statsRefresh);
  const samples = new DynamoSampleStore(dynamo.doc, tables.samples, systemClock);
  const logger = new Logger({
    serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'relais',
    logLevel: (env.RELAIS_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
    logFormatter: new InvocationLogFormatter(),
  });
  return {
    samples,
    // Only ids, the outcome and an error's name reach the log: a sample is about a child.
    sampling: new SampleRecorder({
      samples,
      clock: systemClock,
      notKept: (why) => logger.warn('sample not kept', { ...why }),
    }),
    fhirEndpointDeps: { endpoints: fhirEndpoints, resolver: systemResolver, clock: systemClock, allowHttpLoopback },
    fhirPushQueue: new SqsFhirPushQueue(sqs, queues.fhirPush),
    stats,
    statsQueue,
    statsRefresh: {
      registry: registryStore,
      records,
      referrals,
      directory,
      mappings,
      stats,
      queue: statsQueue,
      builtinMapping: (tool) => (tool === 'canonical' ? undefined : builtinMappings[tool as MappedTool]),
    },
    statistics: statisticsFromEnv(env),
    referralDeps: {
      referrals,
      queue: new SqsReferralQueue(sqs, queues.referralDelivery),
      records,
      links: registryStore,
      services: routing,
      clock: systemClock,
      responseHours: parseResponseHours(env.RELAIS_RESPONSE_HOURS),
    },
    delivery: {
      referrals,
      channels,
      attempts: new DynamoAttemptRecorder(dynamo.doc, { deliveries: tables.deliveries, referrals: tables.referrals }),
      clock: systemClock,
      random: Math.random,
      changes,
      send: (request) => sendWebhook({ ...request, resolver: systemResolver, allowHttpLoopback }),
    },
    pushDeps: {
      channels,
      changes,
      pushes,
      clock: systemClock,
      random: Math.random,
      send: (request) => sendWebhook({ ...request, resolver: systemResolver, allowHttpLoopback }),
    },
    channels,
    channelDeps: { channels, resolver: systemResolver, clock: systemClock, allowHttpLoopback },
    deadLetterDeps: {
      deadLetters: new SqsDeadLetterQueue(sqs, () => ({
        queueUrl: queues.referralDelivery,
        dlqUrl: deadLetterQueueUrlsFromEnv(env).referralDelivery,
      })),
      referrals,
    },
    sqs,
    queueUrls: queues,
    allowHttpLoopback,
    dynamo,
    records,
    directory,
    mappings,
    services,
    builtinNormaliser,
    limiter: new DynamoRateLimiter(dynamo.doc, tables.limits, systemClock),
    registry: { store: registryStore, clock: systemClock, profile: matchProfileFromEnv() },
    matching: new SqsMatchQueue(sqs, queues.matching),
    changes,
    grants: noGrants,
    idempotency: new DynamoDBPersistenceLayer({ tableName: tables.idempotency, awsSdkV3Client: dynamo.client }),
    clock: systemClock,
    cursorKey: cursorKeyFrom(env),
    logger,
    metrics: new Metrics({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'Relais',
      serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'relais',
    }),
  };
}

/** The deployment's matching profile (RELAIS_MATCH_PROFILE, set by the stack from its stage config). */
function matchProfileFromEnv(env: NodeJS.ProcessEnv = process.env): MatchProfile {
  const name = env.RELAIS_MATCH_PROFILE ?? DEFAULT_PROFILE.name;
  const profile = profileNamed(name);
  // A configuration error, caught by synth (config.ts) before it can reach a function.
  if (!profile) throw new Error(`RELAIS_MATCH_PROFILE names no profile; one of ${PROFILE_NAMES.join(', ')}`);
  return profile;
}
