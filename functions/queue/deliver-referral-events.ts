import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverEvent } from '../../core/delivery/deliver-event.ts';
import { pushChanges } from '../../core/delivery/push-changes.ts';
import { queueFhirPush } from '../../core/fhir/queue-push.ts';
import { ChangesPushMessage } from '../../schemas/messages/changes-push.ts';
import { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';
import { container } from '../platform/container.ts';
import { rejectPoison, retryLater } from '../platform/scheduled-messages.ts';

/** The message, or undefined for a body that is not JSON, nor a ReferralEventMessage or a ChangesPushMessage. */
function parseBody(body: string): ReferralEventMessage | ChangesPushMessage | undefined {
  try {
    const json: unknown = JSON.parse(body);
    const isPush = typeof json === 'object' && json !== null && (json as { type?: unknown }).type === 'changes.push';
    return isPush ? ChangesPushMessage.parse(json) : ReferralEventMessage.parse(json);
  } catch {
    return undefined;
  }
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
  const parsed = parseBody(message.body);
  if (!parsed) return rejectPoison('referralDelivery', message);
  if (parsed.type === 'changes.push') {
    // A change feed push (core/delivery/push-changes.ts): the same retry by visibility as an event.
    const pushed = await pushChanges(c.pushDeps, parsed);
    if (pushed.kind !== 'retry') return;
    return retryLater('referralDelivery', message, pushed.delaySeconds, 'retry');
  }
  const result = await deliverEvent(c.delivery, parsed, {
    receives: Number(message.attributes.ApproximateReceiveCount),
    sentAt: new Date(Number(message.attributes.SentTimestamp)),
  });
  if (result.kind === 'dropped') {
    c.logger.info('event dropped', { referralId: parsed.referralId, version: parsed.referralVersion, why: result.why });
  }
  if (result.kind === 'dead') {
    // The referral is now undeliverable (a fact on it, stored above): its statistics row counts it so.
    await c.statsQueue.refresh([{ referralId: parsed.referralId }]);
  }
  if (result.kind === 'done' || result.kind === 'dropped') {
    // An organisation that runs a FHIR server also gets the referral there (core/fhir/queue-push.ts).
    await queueFhirPush({ endpoints: c.fhirEndpointDeps.endpoints, queue: c.fhirPushQueue }, parsed);
    return;
  }
  const delay = result.kind === 'retry' ? result.delaySeconds : 0;
  c.logger.info('delivery deferred', { referralId: parsed.referralId, next: result.kind, delaySeconds: delay });
  return retryLater('referralDelivery', message, delay, result.kind);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  // Groups are referrals (and organisations' change feeds): a failure holds back only that group's later messages.
  .handler((event, context) =>
    processPartialResponse(event, deliverOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
