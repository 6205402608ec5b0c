import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverEvent } from '../../core/delivery/deliver-event.ts';
import { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';
import { container } from '../platform/container.ts';

/** Thrown to leave a message to the queue: it comes back after the visibility set for it. */
class NotYet extends Error {
  override name = 'NotYet';
}

/**
 * Delivers referral events to their recipients. A failed delivery sets the message's visibility to the
 * schedule's next delay (SQS keeps it, and its group waits behind it: order per referral holds) and
 * reports it failed; after the last attempt its visibility is ended at once, and SQS moves it to the FIFO
 * DLQ once its receives pass maxReceiveCount (set above the schedule's attempts, so that a redelivered
 * message never cuts the schedule short: attempts are counted in the store, not by receives).
 */
async function deliverOne(message: SQSRecord): Promise<void> {
  const c = container();
  const parsed = ReferralEventMessage.parse(JSON.parse(message.body));
  const result = await deliverEvent(c.delivery, parsed, {
    receives: Number(message.attributes.ApproximateReceiveCount),
    sentAt: new Date(Number(message.attributes.SentTimestamp)),
  });
  if (result.kind === 'dropped') {
    c.logger.info('event dropped', { referralId: parsed.referralId, version: parsed.referralVersion, why: result.why });
  }
  if (result.kind === 'done' || result.kind === 'dropped') return;
  const delay = result.kind === 'retry' ? result.delaySeconds : 0;
  await c.sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: c.queueUrls.referralDelivery,
      ReceiptHandle: message.receiptHandle,
      VisibilityTimeout: delay,
    }),
  );
  c.logger.info('delivery deferred', { referralId: parsed.referralId, next: result.kind, delaySeconds: delay });
  throw new NotYet(result.kind);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  // Groups are referrals: a failure holds back only that referral's later events.
  .handler((event, context) =>
    processPartialResponse(event, deliverOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
