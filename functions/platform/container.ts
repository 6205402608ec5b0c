import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { type GrantSource, noGrants } from '../../core/access/scope.ts';
import { type Clock, type Normaliser, systemClock } from '../../core/ports.ts';
import { builtinNormaliser } from '../../adapters/sources/index.ts';
import type { SourceTool } from '../../schemas/canonical/codes.ts';
import { createDynamoClients, type DynamoClients } from '../../adapters/dynamodb/client.ts';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { DynamoMappingStore } from '../../adapters/dynamodb/mapping-store.ts';
import { DynamoRateLimiter } from '../../adapters/dynamodb/rate-limiter.ts';
import { DynamoRecordStore } from '../../adapters/dynamodb/record-store.ts';
import { DynamoRegistryStore } from '../../adapters/dynamodb/registry-store.ts';
import { DynamoServiceDirectory } from '../../adapters/dynamodb/service-directory.ts';
import type { RegistryDeps } from '../../core/registry/deps.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import { SqsMatchQueue } from '../../adapters/sqs/match-queue.ts';
import { queueUrlsFromEnv } from '../queues.ts';
import { InvocationLogFormatter } from './invocation-log.ts';
import { tableNamesFromEnv } from '../../adapters/dynamodb/tables.ts';
import { type CursorKeySource, cursorKeyFrom } from './cursor-key.ts';

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
  services: DynamoServiceDirectory;
  builtinNormaliser(tool: SourceTool): Normaliser;
  limiter: DynamoRateLimiter;
  registry: RegistryDeps;
  matching: SqsMatchQueue;
  /** What other organisations have been granted (core/access/scope.ts): nothing, until referrals exist. */
  grants: GrantSource;
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
  return {
    dynamo,
    records: new DynamoRecordStore(dynamo.doc, tables.records),
    directory: new DynamoDirectory(dynamo.doc, tables.directory),
    mappings: new DynamoMappingStore(dynamo.doc, tables.directory),
    services: new DynamoServiceDirectory(dynamo.doc, tables.services),
    builtinNormaliser,
    limiter: new DynamoRateLimiter(dynamo.doc, tables.limits, systemClock),
    registry: { store: new DynamoRegistryStore(dynamo.doc, tables.registry), clock: systemClock },
    matching: new SqsMatchQueue(sqs, queues.matching),
    grants: noGrants,
    idempotency: new DynamoDBPersistenceLayer({ tableName: tables.idempotency, awsSdkV3Client: dynamo.client }),
    clock: systemClock,
    cursorKey: cursorKeyFrom(env),
    logger: new Logger({
      serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'relais',
      logLevel: (env.RELAIS_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
      logFormatter: new InvocationLogFormatter(),
    }),
    metrics: new Metrics({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'Relais',
      serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'relais',
    }),
  };
}
