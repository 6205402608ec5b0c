import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MatchQueue } from '../../core/ports.ts';
import type { RecordStoredMessage } from '../../schemas/messages/record-stored.ts';

const SQS_BATCH = 10;

/**
 * Queues one message per record on the FIFO matching queue. The message group is the record, so
 * versions of one record are matched in order while different records go in parallel; the
 * deduplication id is the record and its content, so a retried ingestion within five minutes queues
 * nothing twice (and matching is idempotent after that).
 */
export class SqsMatchQueue implements MatchQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(records: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void> {
    const chunks: Array<typeof records> = [];
    for (let i = 0; i < records.length; i += SQS_BATCH) chunks.push(records.slice(i, i + SQS_BATCH));
    await Promise.all(
      chunks.map(async (chunk) => {
        const result = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((r, i) => {
              const message: RecordStoredMessage = {
                type: 'record.stored',
                version: 1,
                recordId: r.id,
                contentHash: r.contentHash,
              };
              return {
                Id: String(i),
                MessageBody: JSON.stringify(message),
                MessageGroupId: r.id,
                MessageDeduplicationId: `${r.id}:${r.contentHash}`,
              };
            }),
          }),
        );
        if (result.Failed?.length) {
          throw Object.assign(new Error(`${result.Failed.length} messages not queued`), {
            name: result.Failed.some((f) => f.SenderFault) ? 'QueueSenderFault' : 'ServiceUnavailable',
          });
        }
      }),
    );
  }
}
