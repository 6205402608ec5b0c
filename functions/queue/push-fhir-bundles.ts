import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { pushToFhir } from '../../core/fhir/push.ts';
import { FhirPushMessage } from '../../schemas/messages/fhir-push.ts';
import { container } from '../platform/container.ts';
import { fhirPushDeps } from '../platform/fhir-container.ts';

/** Thrown to leave a message to the queue: it comes back after the visibility set for it. */
class NotYet extends Error {
  override name = 'NotYet';
}

/** Thrown for a message that can never be pushed: it goes to the DLQ as it came. */
class Poison extends Error {
  override name = 'Poison';
}

function parseBody(body: string): FhirPushMessage | undefined {
  try {
    return FhirPushMessage.parse(JSON.parse(body));
  } catch {
    return undefined;
  }
}

const setVisibility = (message: SQSRecord, seconds: number) =>
  container().sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: container().queueUrls.fhirPush,
      ReceiptHandle: message.receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );

/**
 * Pushes FHIR Bundles to the organisations' servers, off the request path: a slow or down server only
 * holds its own messages. Retries follow the referral delivery schedule as a visibility change, and after
 * the last attempt SQS moves the message to the FIFO DLQ (see functions/queue/deliver-referral-events.ts,
 * which this mirrors).
 */
async function pushOne(message: SQSRecord): Promise<void> {
  const c = container();
  const parsed = parseBody(message.body);
  if (!parsed) {
    c.logger.error('poison message', { messageId: message.messageId });
    await setVisibility(message, 0);
    throw new Poison();
  }
  const result = await pushToFhir(fhirPushDeps(), parsed, {
    receives: Number(message.attributes.ApproximateReceiveCount),
    sentAt: new Date(Number(message.attributes.SentTimestamp)),
  });
  const ids = { organisationId: parsed.organisationId, referralId: parsed.subject.referralId };
  if (result.kind === 'dropped') c.logger.info('fhir push dropped', { ...ids, why: result.why });
  if (result.kind === 'done' || result.kind === 'dropped') return;
  const delay = result.kind === 'retry' ? result.delaySeconds : 0;
  await setVisibility(message, delay);
  c.logger.info('fhir push deferred', { ...ids, next: result.kind, delaySeconds: delay });
  throw new NotYet(result.kind);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  .handler((event, context) =>
    processPartialResponse(event, pushOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
