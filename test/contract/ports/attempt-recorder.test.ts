import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoAttemptRecorder } from '../../../adapters/dynamodb/attempt-recorder.ts';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { DynamoReferralStore } from '../../../adapters/dynamodb/referral-store.ts';
import { MemoryChannelStore } from '../../../adapters/memory/channel-store.ts';
import { MemoryReferralStore } from '../../../adapters/memory/referral-store.ts';
import { recordInTurn } from '../../../core/delivery/attempt-recorder.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { type RecorderSetup, attemptRecorderContract } from './attempt-recorder.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, () => RecorderSetup]>([
  [
    'recordInTurn over the memory stores',
    () => {
      const channels = new MemoryChannelStore();
      const referrals = new MemoryReferralStore();
      return { recorder: recordInTurn(channels, referrals), channels, referrals };
    },
  ],
  [
    'DynamoAttemptRecorder on dynalite, one BatchWriteItem',
    () => ({
      recorder: new DynamoAttemptRecorder(db.doc, { deliveries: db.tables.deliveries, referrals: db.tables.referrals }),
      channels: new DynamoChannelStore(db.doc, db.tables.deliveries),
      referrals: new DynamoReferralStore(db.doc, db.tables.referrals),
    }),
  ],
])('AttemptRecorder contract: %s', (_name, make) => attemptRecorderContract(make));
