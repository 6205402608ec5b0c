import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDynamoClients, type DynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables, tableEnvironment } from '../../adapters/dynamodb/create-tables.ts';
import { type LambdaHttpHandler, startApiGatewayHost } from '../../adapters/local/api-gateway-host.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';
import { RelaisError } from '../../core/errors/relais-error.ts';
import { negotiateLanguage } from '../../core/i18n/language.ts';
import { resetContainer } from '../../functions/platform/container.ts';
import { problemResponse } from '../../functions/platform/problem.ts';
import { routes } from '../../functions/routes.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface LocalRuntime {
  url: string;
  dynamo: DynamoClients;
  tables: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The local runtime: dynalite (on disk under `dataDir`, or in memory), every table of TABLES, and every
 * route of functions/routes.ts served by the very handlers Lambda runs. Used by `relais serve`, the
 * integration tests and the benchmarks alike.
 */
export async function startLocalRuntime(options: { dataDir?: string; port?: number; logLevel?: string } = {}): Promise<LocalRuntime> {
  const db = await startDynalite(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {});
  const dynamo = createDynamoClients({ endpoint: db.endpoint });
  const tables = await ensureTables(dynamo.client, 'relais-');
  Object.assign(process.env, tableEnvironment(tables), {
    RELAIS_DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    POWERTOOLS_SERVICE_NAME: 'relais',
    POWERTOOLS_METRICS_DISABLED: 'true',
    RELAIS_LOG_LEVEL: options.logLevel ?? process.env.RELAIS_LOG_LEVEL ?? 'WARN',
  });
  resetContainer();

  const host = await startApiGatewayHost({
    port: options.port ?? 0,
    routes: routes.map((route) => ({
      method: route.method.toUpperCase(),
      path: route.path,
      functionName: route.operation.operationId,
      load: async () => ((await import(pathToFileURL(join(ROOT, route.entry)).href)) as { handler: LambdaHttpHandler }).handler,
    })),
    problem: (kind, acceptLanguage) =>
      problemResponse(
        new RelaisError(kind === 'body-too-large' ? 'payload-too-large' : kind === 'route-not-found' ? 'not-found' : 'method-not-allowed', kind),
        negotiateLanguage(acceptLanguage),
      ),
  });

  return {
    url: host.url,
    dynamo,
    tables,
    close: async () => {
      await new Promise<void>((resolve) => {
        host.server.close(() => resolve());
        host.server.closeAllConnections();
      });
      dynamo.client.destroy();
      resetContainer();
      await db.close();
    },
  };
}

export type { Server };
