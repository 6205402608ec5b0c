import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ChangePushQueue } from '../../core/changes/ports.ts';
import type { ChangesPushMessage } from '../../schemas/messages/changes-push.ts';

/**
 * Queues pushes of a change feed on the FIFO delivery queue, beside referral events: the message group is
 * the organisation's feed (`changes:<org>`, which no referral id can be), so one push runs at a time for it;
 * the deduplication id names the change whose append sent it, so a retried append queues nothing twice.
 */
export class SqsChangePushQueue implements ChangePushQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async nudge(organisationId: string, sequence: number): Promise<void> {
    const message: ChangesPushMessage = { type: 'changes.push', version: 1, organisationId, sequence };
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: `changes:${organisationId}`,
        MessageDeduplicationId: `changes:${organisationId}:${sequence}`,
      }),
    );
  }
}
