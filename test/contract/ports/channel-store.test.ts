import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { MemoryChannelStore } from '../../../adapters/memory/channel-store.ts';
import type { ChannelStore } from '../../../core/delivery/channels.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { channelStoreContract } from './channel-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => ChannelStore]>([
  ['MemoryChannelStore', () => new MemoryChannelStore()],
  ['DynamoChannelStore on dynalite', () => new DynamoChannelStore(db.doc, db.tables.deliveries)],
])('ChannelStore contract: %s', (_name, store) => channelStoreContract(store));
