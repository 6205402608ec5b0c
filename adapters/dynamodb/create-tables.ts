import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  closeSync,
  fsyncSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  type KeySchemaElement,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableKey, type TableSpec } from './tables.ts';

const keySchema = (partitionKey: string, sortKey?: string): KeySchemaElement[] => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
];

type Item = Record<string, AttributeValue>;

export interface EnsureTablesOptions {
  /**
   * Where a table being rebuilt is copied first (the local runtime's data dir), so that a kill in the
   * middle of a rebuild loses nothing: the next start finishes it from the copy.
   */
  rebuildDir?: string;
}

/**
 * Creates every table of TABLES that does not exist yet, for the local runtime and tests (on AWS the CDK
 * stateful stack owns them). A table that a data dir of an older Relais holds without an index the spec now
 * declares is rebuilt with its items (dynalite cannot add an index to a table). Returns the physical names,
 * which the handlers read from the environment.
 */
export async function ensureTables(
  client: DynamoDBClient,
  prefix: string,
  options: EnsureTablesOptions = {},
): Promise<Record<TableKey, string>> {
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
    const copy = options.rebuildDir ? join(options.rebuildDir, `${name}.ndjson`) : undefined;
    if (copy && existsSync(copy)) {
      // A rebuild was cut short: the copy is whole (it is renamed into place only once written and synced).
      await recreate(client, name, spec, existing.has(name));
      await restore(client, name, readCopy(copy));
      rmSync(copy);
      continue;
    }
    if (!existing.has(name)) {
      await client.send(createTable(name, spec));
      continue;
    }
    if (await hasEveryIndex(client, name, spec)) continue;
    const items = await scanAll(client, name);
    if (copy) writeCopy(copy, items);
    await recreate(client, name, spec, true);
    await restore(client, name, items);
    if (copy) rmSync(copy);
  }
  return names;
}

function createTable(name: string, spec: TableSpec): CreateTableCommand {
  const attributes = new Set([
    spec.partitionKey,
    spec.sortKey,
    ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return new CreateTableCommand({
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
  });
}

async function hasEveryIndex(client: DynamoDBClient, name: string, spec: TableSpec): Promise<boolean> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  return spec.indexes.every((i) => present.has(i.name));
}

async function recreate(client: DynamoDBClient, name: string, spec: TableSpec, exists: boolean): Promise<void> {
  if (exists) {
    try {
      await client.send(new DeleteTableCommand({ TableName: name }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  await client.send(createTable(name, spec));
}

async function scanAll(client: DynamoDBClient, name: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: name, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function restore(client: DynamoDBClient, name: string, items: readonly Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [name]: pending } }));
      pending = (result.UnprocessedItems?.[name] ?? []) as typeof pending;
    }
  }
}

/** One item a line, written beside the final name, synced, then renamed: the copy exists whole or not at all. */
function writeCopy(path: string, items: readonly Item[]): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    for (const item of items) writeSync(fd, JSON.stringify(item) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

function readCopy(path: string): Item[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Item);
}

/** The environment the handlers read: table names under their variables. */
export function tableEnvironment(names: Record<TableKey, string>): Record<string, string> {
  return Object.fromEntries(
    (Object.values(TABLES) as TableSpec[]).map((spec) => [spec.env, names[spec.key as TableKey]]),
  );
}
