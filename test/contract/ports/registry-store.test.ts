import { afterAll, beforeAll, describe } from 'vitest';
import { ensureTables } from '../../../adapters/dynamodb/create-tables.ts';
import { DynamoRegistryStore } from '../../../adapters/dynamodb/registry-store.ts';
import { MemoryRegistryStore } from '../../../adapters/memory/registry-store.ts';
import type { RegistryStore } from '../../../core/registry/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { registryStoreContract } from './registry-store.contract.ts';

let db: TestDynamo;
let tables = 0;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

// Each case starts from an empty store: a fresh registry table per case in the one dynalite of this file.
describe.each<[string, () => Promise<RegistryStore>]>([
  ['MemoryRegistryStore', async () => new MemoryRegistryStore()],
  [
    'DynamoRegistryStore on dynalite',
    async () => new DynamoRegistryStore(db.doc, (await ensureTables(db.client, `contract${++tables}-`)).registry),
  ],
])('RegistryStore contract: %s', (_name, freshStore) => registryStoreContract(freshStore));
