import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoRecordStore } from '../../../adapters/dynamodb/record-store.ts';
import { MemoryRecordStore } from '../../../adapters/memory/record-store.ts';
import type { RecordStore } from '../../../core/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { recordStoreContract } from './record-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => RecordStore]>([
  ['MemoryRecordStore', () => new MemoryRecordStore()],
  ['DynamoRecordStore on dynalite', () => new DynamoRecordStore(db.doc, db.tables.records)],
])('RecordStore contract: %s', (_name, store) => recordStoreContract(store));
