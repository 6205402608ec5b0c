import { type DynamoClients, createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables, tableEnvironment } from '../../adapters/dynamodb/create-tables.ts';
import type { TableKey } from '../../adapters/dynamodb/tables.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';

export interface TestDynamo extends DynamoClients {
  endpoint: string;
  tables: Record<TableKey, string>;
  /** The environment variables handlers read to find the tables. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** An in-memory dynalite with every Relais table, on a free port: one per test file. */
export async function startTestDynamo(): Promise<TestDynamo> {
  const server = await startDynalite();
  const clients = createDynamoClients({ endpoint: server.endpoint });
  const tables = await ensureTables(clients.client, 'test-');
  return {
    ...clients,
    endpoint: server.endpoint,
    tables,
    env: { ...tableEnvironment(tables), RELAIS_DYNAMODB_ENDPOINT: server.endpoint },
    close: async () => {
      clients.client.destroy();
      await server.close();
    },
  };
}
