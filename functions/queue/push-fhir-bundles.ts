import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { pushToFhir } from '../../core/fhir/push.ts';
import { FhirPushMessage } from '../../schemas/messages/fhir-push.ts';
import { container } from '../platform/container.ts';
import { fhirPushDeps } from '../platform/fhir-container.ts';
import { rejectPoison, retryLater } from '../platform/scheduled-messages.ts';

function parseBody(body: string): FhirPushMessage | undefined {
  try {
    return FhirPushMessage.parse(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/**
 * Pushes FHIR Bundles to the organisations' servers, off the request path: a slow or down server only
 * holds its own messages. Retries follow the referral delivery schedule as a visibility change, and after
 * the last attempt SQS moves the message to the FIFO DLQ, as referral delivery does
 * (functions/platform/scheduled-messages.ts).
 */
async function pushOne(message: SQSRecord): Promise<void> {
  const c = container();
  const parsed = parseBody(message.body);
  if (!parsed) return rejectPoison('fhirPush', message);
  const result = await pushToFhir(fhirPushDeps(), parsed, {
    receives: Number(message.attributes.ApproximateReceiveCount),
    sentAt: new Date(Number(message.attributes.SentTimestamp)),
  });
  const ids = { organisationId: parsed.organisationId, referralId: parsed.subject.referralId };
  if (result.kind === 'dropped') c.logger.info('fhir push dropped', { ...ids, why: result.why });
  if (result.kind === 'done' || result.kind === 'dropped') return;
  const delay = result.kind === 'retry' ? result.delaySeconds : 0;
  c.logger.info('fhir push deferred', { ...ids, next: result.kind, delaySeconds: delay });
  return retryLater('fhirPush', message, delay, result.kind);
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(container().logger, { resetKeys: true }))
  .handler((event, context) =>
    processPartialResponse(event, pushOne, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true }),
  );
