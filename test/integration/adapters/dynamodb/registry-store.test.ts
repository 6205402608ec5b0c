import { afterAll, beforeAll } from 'vitest';
import { DynamoRegistryStore } from '../../../../adapters/dynamodb/registry-store.ts';
import { ensureTables } from '../../../../adapters/dynamodb/create-tables.ts';
import { registryStoreContract } from '../../../contract/registry-store.contract.ts';
import { type TestDynamo, startTestDynamo } from '../../../support/local-dynamo.ts';

let dynamo: TestDynamo;
let tables = 0;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

// A fresh registry table per test, in the one dynalite of this file.
registryStoreContract('DynamoDB (dynalite)', async () => {
  const names = await ensureTables(dynamo.client, `contract${++tables}-`);
  return new DynamoRegistryStore(dynamo.doc, names.registry);
});
