import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoReferralStore } from '../../../adapters/dynamodb/referral-store.ts';
import { MemoryReferralStore } from '../../../adapters/memory/referral-store.ts';
import type { ReferralStore } from '../../../core/referrals/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { referralStoreContract } from './referral-store.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => ReferralStore]>([
  ['MemoryReferralStore', () => new MemoryReferralStore()],
  ['DynamoReferralStore on dynalite', () => new DynamoReferralStore(db.doc, db.tables.referrals)],
])('ReferralStore contract: %s', (_name, store) => referralStoreContract(store));
