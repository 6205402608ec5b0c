import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReferralQueue } from '../../core/referrals/ports.ts';
import type { ReferralEvent } from '../../schemas/canonical/referral.ts';
import type { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';

/**
 * Queues referral events on the FIFO delivery queue. The message group is the referral, so its events
 * reach the other side in version order while referrals go in parallel; the deduplication id is the
 * referral, version and recipient, so a retried step within five minutes queues nothing twice (and the
 * consumer records each delivery once after that). The message names the event only: no child data
 * travels through the queue.
 */
export class SqsReferralQueue implements ReferralQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(event: ReferralEvent): Promise<void> {
    const message: ReferralEventMessage = {
      type: 'referral.event',
      version: 1,
      eventId: event.id,
      referralId: event.referralId,
      referralVersion: event.version,
      recipientOrganisationId: event.recipientOrganisationId,
    };
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: event.referralId,
        MessageDeduplicationId: `${event.referralId}:${event.version}:${event.recipientOrganisationId}`,
      }),
    );
  }
}
