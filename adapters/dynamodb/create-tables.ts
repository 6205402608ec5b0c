import {
  CreateTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableKey, type TableSpec } from './tables.ts';

const keySchema = (partitionKey: string, sortKey?: string): KeySchemaElement[] => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
];

/**
 * Creates every table of TABLES that does not exist yet, for the local runtime and tests (on AWS the CDK
 * stateful stack owns them). Returns the physical names, which the handlers read from the environment.
 */
export async function ensureTables(client: DynamoDBClient, prefix: string): Promise<Record<TableKey, string>> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);

  const names = {} as Record<TableKey, string>;
  for (const spec of Object.values(TABLES) as TableSpec[]) {
    const name = `${prefix}${spec.key}`;
    names[spec.key as TableKey] = name;
    if (existing.has(name)) continue;
    const attributes = new Set([
      spec.partitionKey,
      spec.sortKey,
      ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ]);
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keySchema(spec.partitionKey, spec.sortKey),
        AttributeDefinitions: [...attributes]
          .filter((a): a is string => !!a)
          .map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        ...(spec.indexes.length
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: keySchema(i.partitionKey, i.sortKey),
                Projection: { ProjectionType: 'ALL' },
              })),
            }
          : {}),
      }),
    );
  }
  return names;
}

/** The environment the handlers read: table names under their variables. */
export function tableEnvironment(names: Record<TableKey, string>): Record<string, string> {
  return Object.fromEntries(
    (Object.values(TABLES) as TableSpec[]).map((spec) => [spec.env, names[spec.key as TableKey]]),
  );
}
