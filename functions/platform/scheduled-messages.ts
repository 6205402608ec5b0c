import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { QueueKey } from '../queues.ts';
import { container } from './container.ts';

/**
 * What the consumers that retry on a schedule (referral delivery, FHIR push) do with a message they do not
 * finish: its visibility is set to the schedule's next delay, and the handler throws so that the batch
 * reports it failed (its FIFO group waits behind it). One place, so both queues behave alike.
 */

/** Thrown to leave a message to the queue: it comes back after the visibility set for it. */
export class NotYet extends Error {
  override name = 'NotYet';
}

/** Thrown for a message that can never be handled: it goes to the DLQ as it came. */
export class Poison extends Error {
  override name = 'Poison';
}

export const setVisibility = (queue: QueueKey, message: SQSRecord, seconds: number) =>
  container().sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: container().queueUrls[queue],
      ReceiptHandle: message.receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );

/**
 * A body that will never parse: made visible again at once, it reaches the DLQ, unchanged, after its
 * maxReceiveCount receives within seconds, instead of waiting out a visibility timeout at each (minutes in
 * all, with its group held behind it). The body is not logged: it could hold anything.
 */
export async function rejectPoison(queue: QueueKey, message: SQSRecord): Promise<never> {
  container().logger.error('poison message', { messageId: message.messageId });
  await setVisibility(queue, message, 0);
  throw new Poison();
}

/** Leaves the message for the schedule's next attempt, `delaySeconds` from now. */
export async function retryLater(
  queue: QueueKey,
  message: SQSRecord,
  delaySeconds: number,
  why: string,
): Promise<never> {
  await setVisibility(queue, message, delaySeconds);
  throw new NotYet(why);
}
