import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDynamoClients, type DynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables, tableEnvironment } from '../../adapters/dynamodb/create-tables.ts';
import { refileRegistry } from '../../adapters/dynamodb/registry-layout.ts';
import { backfillStats } from '../../adapters/dynamodb/stats-backfill.ts';
import { SqsStatsRefreshQueue } from '../../adapters/sqs/stats-refresh-queue.ts';
import {
  formatRequestLog,
  type LambdaHttpHandler,
  startApiGatewayHost,
} from '../../adapters/local/api-gateway-host.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';
import { type LambdaSqsHandler, SqsPoller } from '../../adapters/local/sqs-poller.ts';
import { reportBacklog } from '../../adapters/local/sqs-backlog.ts';
import { createFifoQueueWithDlq, startLocalSqs } from '../../adapters/local/sqs-server.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { QUEUES, type QueueSpec, redrivableQueues } from '../../functions/queues.ts';
import { resetContainer } from '../../functions/platform/container.ts';
import { runInvocation } from '../../functions/platform/invocation-log.ts';
import { hostProblem } from '../../functions/platform/problem.ts';
import { routes } from '../../functions/routes.ts';
import { SECRETS } from '../../functions/secrets.ts';
import { localCursorKey } from './cursor-key.ts';
import { ADMIN_PREFIX, ADMIN_SECURITY_HEADERS, buildAdminUi } from '../../ui/build.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface LocalRuntime {
  url: string;
  dynamo: DynamoClients;
  tables: Record<string, string>;
  sqs: SQSClient;
  queues: Record<string, { url: string; dlqUrl: string }>;
  /** Resolves once every queue is empty and no consumer is busy: what ingestion queued has been handled. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const LOCAL_CONSUMERS_PER_QUEUE = 2;
const BACKLOG_INTERVAL_MS = 5_000;
/** API Gateway's own limit on a request: past it, a request still in flight at close is cut. */
const CLOSE_GRACE_MS = 30_000;

/** Loads a handler module; each call of the handler runs as its own invocation, as Lambda's runtime runs it. */
const load = async <H extends (event: never, context: Context) => Promise<unknown>>(entry: string): Promise<H> => {
  const { handler } = (await import(pathToFileURL(join(ROOT, entry)).href)) as { handler: H };
  const invoke = (event: never, context: Context) => runInvocation(context, () => handler(event, context));
  return invoke as H;
};

/**
 * The local runtime: dynalite (on disk under `dataDir`, or in memory), every table of TABLES, and every
 * route of functions/routes.ts served by the very handlers Lambda runs. Used by `relais serve`, the
 * integration tests and the benchmarks alike.
 */
export async function startLocalRuntime(
  options: {
    dataDir?: string;
    port?: number;
    logLevel?: string;
    visibilityTimeoutSeconds?: number;
    consumersPerQueue?: number;
    /** How often the backlog line is logged while queues hold work. */
    backlogIntervalMs?: number;
    /**
     * Lets webhook endpoints be http:// on loopback (the demo receiver, tests). On by default here, and
     * only here: a deployment never sets RELAIS_ALLOW_HTTP_LOOPBACK, so every endpoint there is https.
     */
    allowHttpLoopback?: boolean;
  } = {},
): Promise<LocalRuntime> {
  const logLevel = options.logLevel ?? process.env.RELAIS_LOG_LEVEL ?? 'WARN';
  const db = await startDynalite({
    thread: true,
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
  });
  const dynamo = createDynamoClients({ endpoint: db.endpoint });
  const tables = await ensureTables(
    dynamo.client,
    'relais-',
    options.dataDir ? { rebuildDir: join(options.dataDir, 'rebuild') } : {},
  );
  // A registry filed under an older blocking version is filed again before anything is matched.
  await refileRegistry(dynamo.doc, tables.registry);
  // On disk, queues are journaled under the data dir: an acknowledged send survives any kill, as on SQS.
  const localSqs = await startLocalSqs({
    thread: true,
    ...(options.dataDir ? { journalDir: join(options.dataDir, 'queues') } : {}),
  });
  const sqs = createSqsClient({ endpoint: localSqs.endpoint });
  const queues: LocalRuntime['queues'] = {};
  for (const spec of Object.values(QUEUES) as QueueSpec[]) {
    queues[spec.key] = await createFifoQueueWithDlq(sqs, `relais-${spec.key}`, {
      maxReceiveCount: spec.maxReceiveCount,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? spec.consumer.timeoutSeconds,
    });
  }
  // Before the host and the pollers start, so that what the last run left queued is back first.
  await localSqs.restore();
  // Children whose records were stored before the statistics projection existed get their rows once.
  await backfillStats(dynamo.doc, tables, new SqsStatsRefreshQueue(sqs, queues.statsRefresh!.url));
  // Where operators' commands (relais dlq) find this run's queues; rewritten at every start.
  if (options.dataDir) {
    writeFileSync(
      join(options.dataDir, 'runtime.json'),
      JSON.stringify({ sqsEndpoint: localSqs.endpoint, queues }, null, 2) + '\n',
      { mode: 0o600 },
    );
  }
  Object.assign(
    process.env,
    tableEnvironment(tables),
    Object.fromEntries((Object.values(QUEUES) as QueueSpec[]).map((q) => [q.env, queues[q.key]!.url])),
    // One process serves every route here, so the routes that redrive a DLQ find its URL like on AWS.
    Object.fromEntries(redrivableQueues.map((q) => [q.dlqEnv, queues[q.key]!.dlqUrl])),
    {
      RELAIS_SQS_ENDPOINT: localSqs.endpoint,
      RELAIS_DYNAMODB_ENDPOINT: db.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
      POWERTOOLS_SERVICE_NAME: 'relais',
      POWERTOOLS_METRICS_DISABLED: 'true',
      RELAIS_LOG_LEVEL: logLevel,
      RELAIS_ALLOW_HTTP_LOOPBACK: options.allowHttpLoopback === false ? '0' : '1',
      [SECRETS.cursorKey.localEnv]: await localCursorKey(options.dataDir),
    },
  );
  resetContainer();

  const host = await startApiGatewayHost({
    port: options.port ?? 0,
    routes: routes.map((route) => ({
      method: route.method.toUpperCase(),
      path: route.path,
      functionName: route.operation.operationId,
      load: () => load<LambdaHttpHandler>(route.entry),
    })),
    problem: hostProblem,
    site: { prefix: ADMIN_PREFIX, headers: ADMIN_SECURITY_HEADERS, load: async () => (await buildAdminUi()).assets },
    ...(logLevel === 'SILENT' ? {} : { log: (line) => process.stdout.write(formatRequestLog(line) + '\n') }),
  });

  // Lambda runs one consumer per active message group, up to its concurrency; a few pollers per queue play that.
  const pollersOf = new Map(
    (Object.values(QUEUES) as QueueSpec[]).map((spec) => [
      spec.key,
      Array.from(
        { length: options.consumersPerQueue ?? spec.consumer.localConsumers ?? LOCAL_CONSUMERS_PER_QUEUE },
        () =>
          new SqsPoller(sqs, queues[spec.key]!.url, {
            functionName: spec.consumer.functionName,
            batchSize: spec.consumer.batchSize,
            timeoutSeconds: spec.consumer.timeoutSeconds,
            load: () => load<LambdaSqsHandler>(spec.consumer.entry),
          }),
      ),
    ]),
  );
  const pollers = [...pollersOf.values()].flat();
  for (const poller of pollers) poller.start();

  // The backlog line is for the person watching `npm start`, whose handlers log at WARN by default: it is
  // logged at INFO whatever the level, except SILENT (tests).
  const runtimeLogger = new Logger({ serviceName: 'relais', logLevel: logLevel === 'SILENT' ? 'SILENT' : 'INFO' });
  const backlog = reportBacklog({
    sqs,
    queues,
    handled: (queue) => (pollersOf.get(queue) ?? []).reduce((sum, p) => sum + p.handled, 0),
    log: (message, counts) => runtimeLogger.info(message, { queues: counts }),
    intervalMs: options.backlogIntervalMs ?? BACKLOG_INTERVAL_MS,
  });

  const pending = async () => {
    let count = 0;
    for (const { url } of Object.values(queues)) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      // local-aws-sqs holds a message just sent as delayed until its next turn of the event loop, and counts
      // it in neither of the first two then.
      count +=
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    }
    return count + pollers.filter((p) => p.handling).length;
  };

  return {
    url: host.url,
    dynamo,
    tables,
    sqs,
    queues,
    drain: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while ((await pending()) > 0) {
        if (Date.now() > deadline) throw new Error('queues did not drain in time');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    // Stop accepting, let the requests in flight finish (their sends are journaled before they are
    // answered), then let each poller finish its batch. What is still queued stays in the journal.
    close: async () => {
      await backlog.stop();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => host.server.closeAllConnections(), CLOSE_GRACE_MS);
        host.server.close(() => {
          clearTimeout(force);
          resolve();
        });
        host.server.closeIdleConnections();
      });
      await Promise.all(pollers.map((p) => p.stop()));
      dynamo.client.destroy();
      sqs.destroy();
      resetContainer();
      await localSqs.close();
      await db.close();
    },
  };
}

export type { Server };
