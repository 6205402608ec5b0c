import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AttemptRecorder, SettledEvent } from '../../core/delivery/attempt-recorder.ts';
import type { LoggedAttempt } from '../../schemas/api/delivery-channel.ts';
import { attemptLogItem } from './channel-store.ts';
import { factItem } from './referral-store.ts';

/** Rounds of a batch whose items DynamoDB left unprocessed (throttled) before the attempt fails. */
const UNPROCESSED_ROUNDS = 5;

/**
 * The log line and the fact of an attempt in one BatchWriteItem over the two tables: a delivered event
 * costs one write request instead of two. Both are plain puts (no condition), which is all a batch allows.
 * Items DynamoDB leaves unprocessed are sent again with a growing pause; if some are still left, the
 * attempt throws and the message comes back, as after any failed write.
 */
export class DynamoAttemptRecorder implements AttemptRecorder {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tables: { deliveries: string; referrals: string },
  ) {}

  async record(organisationId: string, attempt: LoggedAttempt, settled?: SettledEvent): Promise<void> {
    let items: BatchWriteCommandInput['RequestItems'] = {
      [this.tables.deliveries]: [{ PutRequest: { Item: attemptLogItem(organisationId, attempt) } }],
      ...(settled
        ? { [this.tables.referrals]: [{ PutRequest: { Item: factItem(settled.referralId, settled.fact) } }] }
        : {}),
    };
    for (let round = 1; ; round++) {
      const answer: BatchWriteCommandOutput = await this.doc.send(new BatchWriteCommand({ RequestItems: items }));
      const left = answer.UnprocessedItems;
      if (!left || Object.keys(left).length === 0) return;
      if (round === UNPROCESSED_ROUNDS) throw new Error('DynamoDB left the delivery attempt unwritten (throttled)');
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      items = left;
    }
  }
}
