import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FhirPushMessage } from '../../schemas/messages/fhir-push.ts';

/**
 * Queues FHIR pushes on their FIFO queue. The group is the organisation's server and the subject, so pushes
 * of one referral reach its server in order while servers and referrals go in parallel (a slow server holds
 * back only its own); the deduplication id is the subject's version and series, so a retried step queues
 * nothing twice within five minutes.
 */
export class SqsFhirPushQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: FhirPushMessage): Promise<void> {
    const { organisationId, subject } = message;
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: `${organisationId}:${subject.referralId}`,
        MessageDeduplicationId: `${organisationId}:${subject.referralId}:${subject.referralVersion}:${message.series ?? 0}`,
      }),
    );
  }
}
