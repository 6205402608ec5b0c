import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoSampleStore } from '../../../adapters/dynamodb/sample-store.ts';
import { MemorySampleStore } from '../../../adapters/memory/sample-store.ts';
import type { Clock } from '../../../core/ports.ts';
import type { SampleStore } from '../../../core/mapping/sample-store.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { sampleStoreContract } from './sample-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, (clock: Clock) => SampleStore]>([
  ['MemorySampleStore', (clock) => new MemorySampleStore(clock)],
  ['DynamoSampleStore on dynalite', (clock) => new DynamoSampleStore(db.doc, db.tables.samples, clock)],
])('SampleStore contract: %s', (_name, store) => sampleStoreContract(store));
