import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoChangeStore } from '../../../adapters/dynamodb/change-store.ts';
import { MemoryChangeStore } from '../../../adapters/memory/change-store.ts';
import type { ChangeStore } from '../../../core/changes/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { changeStoreContract } from './change-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => ChangeStore]>([
  ['MemoryChangeStore', () => new MemoryChangeStore()],
  ['DynamoChangeStore on dynalite', () => new DynamoChangeStore(db.doc, db.tables.changes)],
])('ChangeStore contract: %s', (_name, store) => changeStoreContract(store));
