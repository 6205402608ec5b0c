import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { StatsRefreshQueue } from '../../core/stats/ports.ts';
import type { StatsRefreshMessage } from '../../schemas/messages/stats-refresh.ts';

const SQS_BATCH = 10;

/**
 * Queues refreshes on the FIFO statistics queue. The group is the person, so two refreshes of one child
 * never run at once and the later one reads the later state; a referral whose child is not known yet
 * gets its own group (the consumer hands it over to the child's group once it is). The deduplication id
 * is drawn per send, never derived from the content: two sends of the same ids a minute apart follow two
 * changes, and deduplicating the second would drop the refresh that reads the second change.
 */
export class SqsStatsRefreshQueue implements StatsRefreshQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async refresh(requests: ReadonlyArray<{ personId?: string; referralId?: string }>): Promise<void> {
    const wanted = requests.filter((r) => r.personId !== undefined || r.referralId !== undefined);
    for (let i = 0; i < wanted.length; i += SQS_BATCH) {
      const chunk = wanted.slice(i, i + SQS_BATCH);
      const result = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((r, n) => {
            const message: StatsRefreshMessage = {
              type: 'stats.refresh',
              version: 1,
              ...(r.personId ? { personId: r.personId } : {}),
              ...(r.referralId ? { referralId: r.referralId } : {}),
            };
            return {
              Id: String(n),
              MessageBody: JSON.stringify(message),
              MessageGroupId: r.personId ?? r.referralId!,
              MessageDeduplicationId: randomUUID(),
            };
          }),
        }),
      );
      if (result.Failed?.length) {
        throw Object.assign(new Error(`${result.Failed.length} statistics refreshes not queued`), {
          name: result.Failed.some((f) => f.SenderFault) ? 'QueueSenderFault' : 'ServiceUnavailable',
        });
      }
    }
  }
}
