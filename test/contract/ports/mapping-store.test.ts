import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoMappingStore } from '../../../adapters/dynamodb/mapping-store.ts';
import { MemoryMappingStore } from '../../../adapters/memory/mapping-store.ts';
import type { MappingStore } from '../../../core/mapping/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { mappingStoreContract } from './mapping-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => MappingStore]>([
  ['MemoryMappingStore', () => new MemoryMappingStore()],
  ['DynamoMappingStore on dynalite', () => new DynamoMappingStore(db.doc, db.tables.directory)],
])('MappingStore contract: %s', (_name, store) => mappingStoreContract(store));
