import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoStatsStore } from '../../../adapters/dynamodb/stats-store.ts';
import { MemoryStatsStore } from '../../../adapters/memory/stats-store.ts';
import type { StatsStore } from '../../../core/stats/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { statsStoreContract } from './stats-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => StatsStore]>([
  ['MemoryStatsStore', () => new MemoryStatsStore()],
  ['DynamoStatsStore on dynalite', () => new DynamoStatsStore(db.doc, db.tables.stats)],
])('StatsStore contract: %s', (_name, store) => statsStoreContract(store));
