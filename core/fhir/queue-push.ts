import type { FhirPushMessage } from '../../schemas/messages/fhir-push.ts';
import type { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';
import type { FhirEndpointStore } from './endpoints.ts';

export interface FhirPushQueue {
  enqueue(message: FhirPushMessage): Promise<void>;
}

/**
 * A referral event for an organisation that runs a FHIR server also brings the referral to that server, as
 * that organisation may see it: the receiver gets the ServiceRequest and its Task when the referral is made
 * and as the referrer changes it; a referrer that runs FHIR sees the Task move as the receiver answers. The
 * message holds ids only; the Bundle is built when it is pushed (functions/platform/fhir-bundle-source.ts).
 * Queued once the event is handled, and again if that step is retried (the queue drops the copy).
 */
export async function queueFhirPush(
  deps: { endpoints: Pick<FhirEndpointStore, 'get'>; queue: FhirPushQueue },
  event: Pick<ReferralEventMessage, 'referralId' | 'referralVersion' | 'recipientOrganisationId'>,
): Promise<boolean> {
  if (!(await deps.endpoints.get(event.recipientOrganisationId))) return false;
  await deps.queue.enqueue({
    type: 'fhir.push',
    version: 1,
    organisationId: event.recipientOrganisationId,
    subject: { kind: 'referral', referralId: event.referralId, referralVersion: event.referralVersion },
  });
  return true;
}
