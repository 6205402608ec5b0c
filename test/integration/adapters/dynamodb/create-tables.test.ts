import { mkdtempSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../../../adapters/dynamodb/client.ts';
import { ensureTables } from '../../../../adapters/dynamodb/create-tables.ts';
import { TABLES } from '../../../../adapters/dynamodb/tables.ts';
import { type LocalDynamo, startDynalite } from '../../../../adapters/local/dynalite-server.ts';

const open: Array<{ db: LocalDynamo; clients: DynamoClients }> = [];
afterEach(async () => {
  for (const { db, clients } of open.splice(0)) {
    clients.client.destroy();
    await db.close();
  }
});

async function dynamo(path?: string) {
  const db = await startDynalite(path ? { path } : {});
  const clients = createDynamoClients({ endpoint: db.endpoint });
  open.push({ db, clients });
  return clients.client;
}

const registry = TABLES.registry;
const indexesOf = async (client: Awaited<ReturnType<typeof dynamo>>, name: string) =>
  ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.GlobalSecondaryIndexes ?? [])
    .map((i) => i.IndexName)
    .sort();

/** The registry table as an older Relais created it: the first index only. */
async function olderRegistry(client: Awaited<ReturnType<typeof dynamo>>, name: string) {
  const first = registry.indexes[0];
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: registry.partitionKey, KeyType: 'HASH' },
        { AttributeName: registry.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [registry.partitionKey, registry.sortKey, first.partitionKey, first.sortKey].map((a) => ({
        AttributeName: a,
        AttributeType: 'S',
      })),
      GlobalSecondaryIndexes: [
        {
          IndexName: first.name,
          KeySchema: [
            { AttributeName: first.partitionKey, KeyType: 'HASH' },
            { AttributeName: first.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  for (let i = 0; i < 60; i++) {
    await client.send(
      new PutItemCommand({
        TableName: name,
        Item: { [registry.partitionKey]: { S: `person#${i}` }, [registry.sortKey]: { S: 'meta' }, n: { N: String(i) } },
      }),
    );
  }
}

describe('ensureTables on a data dir of an older Relais', () => {
  it('rebuilds a table that lacks an index the spec declares, keeping every item', async () => {
    const client = await dynamo();
    await olderRegistry(client, 'old-registry');
    const dir = mkdtempSync(join(tmpdir(), 'relais-rebuild-'));
    await ensureTables(client, 'old-', { rebuildDir: dir });
    expect(await indexesOf(client, 'old-registry')).toEqual(registry.indexes.map((i) => i.name).sort());
    const items = (await client.send(new ScanCommand({ TableName: 'old-registry' }))).Items ?? [];
    expect(items.map((i) => Number(i.n!.N)).sort((a, b) => a - b)).toEqual([...Array(60).keys()]);
    expect(existsSync(join(dir, 'old-registry.ndjson'))).toBe(false);
  });

  it('finishes a rebuild that a kill cut short, from the copy it wrote first', async () => {
    const client = await dynamo();
    // Killed after the copy was written and the table deleted: only the copy holds the items.
    const dir = mkdtempSync(join(tmpdir(), 'relais-rebuild-'));
    mkdirSync(dir, { recursive: true });
    const copy = [0, 1, 2].map((n) =>
      JSON.stringify({
        [registry.partitionKey]: { S: `person#${n}` },
        [registry.sortKey]: { S: 'meta' },
        n: { N: String(n) },
      }),
    );
    writeFileSync(join(dir, 'cut-registry.ndjson'), copy.join('\n') + '\n');
    await ensureTables(client, 'cut-', { rebuildDir: dir });
    const items = (await client.send(new ScanCommand({ TableName: 'cut-registry' }))).Items ?? [];
    expect(items).toHaveLength(3);
    expect(await indexesOf(client, 'cut-registry')).toEqual(registry.indexes.map((i) => i.name).sort());
    expect(existsSync(join(dir, 'cut-registry.ndjson'))).toBe(false);
  });

  it('leaves a table that has every index alone', async () => {
    const client = await dynamo();
    await ensureTables(client, 'same-');
    await client.send(
      new PutItemCommand({
        TableName: 'same-registry',
        Item: { [registry.partitionKey]: { S: 'person#x' }, [registry.sortKey]: { S: 'meta' } },
      }),
    );
    const before = (await client.send(new DescribeTableCommand({ TableName: 'same-registry' }))).Table
      ?.CreationDateTime;
    await ensureTables(client, 'same-', { rebuildDir: mkdtempSync(join(tmpdir(), 'relais-rebuild-')) });
    const after = (await client.send(new DescribeTableCommand({ TableName: 'same-registry' }))).Table?.CreationDateTime;
    expect(after).toEqual(before);
    expect((await client.send(new ScanCommand({ TableName: 'same-registry' }))).Items).toHaveLength(1);
  });
});
