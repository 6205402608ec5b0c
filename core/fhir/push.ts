import type { ChannelStore } from '../delivery/channels.ts';
import type { DeliveryResult, Receipt } from '../delivery/deliver-event.ts';
import { MAX_ATTEMPTS, planNextAttempt } from '../delivery/retry-schedule.ts';
import type { Clock } from '../ports.ts';
import type { FhirEndpoint } from '../../schemas/api/fhir-endpoint.ts';
import type { FhirPushMessage } from '../../schemas/messages/fhir-push.ts';
import type { TransactionBundle } from '../../schemas/fhir/sync.ts';
import type { FhirEndpointStore } from './endpoints.ts';
import type { FhirEndpointClient, FhirPushResult } from './ports.ts';

/**
 * Builds the Bundle a push message stands for, as the message's organisation may see it (the access policy
 * and the referral's consent minimisation apply: a FHIR push never shows more than the JSON API would).
 * Every entry is conditional on a Relais identifier (`ifNoneExist`, or `PUT Type?identifier=`), so that a
 * replayed push creates nothing. `undefined`: nothing to push any more (the subject is gone, or the
 * organisation may no longer see it).
 */
export interface FhirBundleSource {
  bundleFor(organisationId: string, subject: FhirPushMessage['subject']): Promise<TransactionBundle | undefined>;
}

/** What the queue does with a push message next: as a referral delivery, or dropped with why. */
export type FhirPushOutcome =
  Exclude<DeliveryResult, { kind: 'dropped' }> | { kind: 'dropped'; why: 'no-endpoint' | 'nothing-to-push' };

export interface FhirPushDeps {
  endpoints: Pick<FhirEndpointStore, 'get'>;
  bundles: FhirBundleSource;
  /** A client for the endpoint, with its secret (adapters/fhir/connect.ts). */
  connect(endpoint: FhirEndpoint, secret: string | undefined): FhirEndpointClient;
  /** Where attempts are counted: the delivery channels' counter, so both schedules count alike. */
  attempts: Pick<ChannelStore, 'nextAttempt'>;
  clock: Clock;
  random: () => number;
}

/**
 * Pushes one Bundle to an organisation's FHIR server, on the referral delivery's schedule
 * (core/delivery/retry-schedule.ts): a failure is retried after the schedule's wait, and after its last
 * attempt the message is left to go to the DLQ. A 410 is one more failure here (there is no channel to
 * disable). An organisation without a FHIR endpoint, or a subject with nothing to push, is done.
 */
export async function pushToFhir(
  deps: FhirPushDeps,
  message: FhirPushMessage,
  receipt: Receipt = {},
): Promise<FhirPushOutcome> {
  const configured = await deps.endpoints.get(message.organisationId);
  if (!configured) return { kind: 'dropped', why: 'no-endpoint' };
  const key = `fhir:${subjectKey(message.subject)}#${message.series ?? 0}`;
  const count = () => deps.attempts.nextAttempt(message.organisationId, key);
  // Counted as webhook deliveries are (core/delivery/deliver-event.ts): a first receive only if it fails.
  const counted = receipt.receives === 1 ? undefined : await count();
  if (counted !== undefined && counted > MAX_ATTEMPTS) return { kind: 'dead' };
  const bundle = await deps.bundles.bundleFor(message.organisationId, message.subject);
  if (!bundle) return { kind: 'dropped', why: 'nothing-to-push' };
  const now = deps.clock.now();
  const result: FhirPushResult = await deps.connect(configured.endpoint, configured.secret).push(bundle);
  if (result.kind === 'pushed') return { kind: 'done' };
  const attempt = counted ?? (await count());
  const outcome =
    result.outcome.kind === 'response' && result.outcome.status === 410 ? { kind: 'network' as const } : result.outcome;
  const plan = planNextAttempt({ attempt, outcome, now, random: deps.random });
  if (plan.kind === 'retry' && attempt < MAX_ATTEMPTS) return { kind: 'retry', delaySeconds: plan.delaySeconds };
  return { kind: 'dead' };
}

const subjectKey = (subject: FhirPushMessage['subject']) =>
  `${subject.kind}:${subject.referralId}:${subject.referralVersion}`;
