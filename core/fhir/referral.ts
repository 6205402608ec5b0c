import type {
  CodeableConcept,
  Consent,
  Identifier,
  Organization,
  Patient,
  Reference,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { ReferralView } from '../../schemas/api/referrals.ts';
import type { ReferralPriority, ReferralStatus } from '../../schemas/canonical/referral.ts';
import { organisationReference, serviceReference, serviceTypeConcept } from './directory.ts';
import type { FhirSystems } from './systems.ts';

/**
 * A referral in the shape of the HL7 SDOH Clinical Care (Gravity) referral guide: a ServiceRequest (what
 * is asked, intent `order`, from the referring organisation, for the receiving organisation's service)
 * and a Task for it (Task.focus and Task.basedOn the ServiceRequest, requester the referrer, owner the
 * receiver) that carries the lifecycle. Relais is the coordination platform between the two, but each
 * Relais referral goes straight to one receiving service: there is no sub-task to a further
 * organisation, so Task.partOf is never set. The Consent is the ServiceRequest's supporting information.
 */

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const TASK_CODE = 'http://hl7.org/fhir/CodeSystem/task-code';

/**
 * The guide's Task statuses are R4's without draft, received, ready and entered-in-error; Relais's
 * lifecycle has exactly the ones it keeps (schemas/canonical/referral.ts), so the status maps as is.
 */
export const TASK_STATUS: Readonly<Record<ReferralStatus, Task['status']>> = {
  requested: 'requested',
  accepted: 'accepted',
  rejected: 'rejected',
  cancelled: 'cancelled',
  'in-progress': 'in-progress',
  'on-hold': 'on-hold',
  completed: 'completed',
  failed: 'failed',
};

/** The request stays active while the receiver works on it; a closed referral closes it. */
const REQUEST_STATUS: Readonly<Record<ReferralStatus, ServiceRequest['status']>> = {
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  rejected: 'revoked',
  cancelled: 'revoked',
  failed: 'revoked',
};

const PRIORITY: Readonly<Record<ReferralPriority, NonNullable<Task['priority']>>> = {
  emergency: 'stat',
  urgent: 'urgent',
  normal: 'routine',
};

const typed = (code: 'PLAC' | 'FILL', system: string, value: string): Identifier => ({
  type: { coding: [{ system: V2_0203, code }] },
  system,
  value,
});

/** The keys of a referral's resources, so that references between them are stable. */
export const referralKeys = (referralId: string, systems: FhirSystems) => ({
  serviceRequest: { system: systems.referral, value: referralId },
  task: { system: systems.referral, value: `${referralId}/task` },
  coordination: { system: systems.referral, value: `${referralId}/coordination` },
  consent: { system: systems.referralConsent, value: referralId },
  child: { system: systems.referralChild, value: referralId },
});

/** The referral a Task stands for, read back from the key referralKeys gave it; undefined for any other Task. */
export function referralIdOfTask(
  identifiers: ReadonlyArray<{ system?: string; value?: string }> | undefined,
  systems: FhirSystems,
): string | undefined {
  for (const { system, value } of identifiers ?? []) {
    const match = system === systems.referral ? /^(ref_[a-z2-7]{26})\/task$/.exec(value ?? '') : null;
    if (match) return match[1];
  }
  return undefined;
}

export interface ReferralRefs {
  patient: Reference<Patient>;
  serviceRequest: Reference<ServiceRequest>;
  consent: Reference<Consent>;
  referring: Reference<Organization>;
  receiving: Reference<Organization>;
}

export function serviceRequestOf(referral: ReferralView, refs: ReferralRefs, systems: FhirSystems): ServiceRequest {
  const keys = referralKeys(referral.id, systems);
  const concerns = referral.child?.view.protectionConcerns ?? [];
  const type = serviceTypeConcept(referral.serviceType, undefined, systems);
  const reasonCode: CodeableConcept[] = [
    { text: referral.reason },
    ...concerns.map((code) => ({ coding: [{ system: systems.codeSystem('protection-concern'), code }] })),
  ];
  return {
    resourceType: 'ServiceRequest',
    identifier: [
      typed('PLAC', keys.serviceRequest.system, keys.serviceRequest.value),
      ...(referral.referring.caseId
        ? [typed('PLAC', systems.caseOf(referral.referring.organisationId), referral.referring.caseId)]
        : []),
      ...(referral.receiving.caseId
        ? [typed('FILL', systems.caseOf(referral.receiving.organisationId), referral.receiving.caseId)]
        : []),
    ],
    status: REQUEST_STATUS[referral.status],
    intent: 'order',
    category: [type],
    priority: PRIORITY[referral.priority],
    code: type,
    subject: refs.patient,
    authoredOn: referral.requestedAt,
    requester: refs.referring,
    performer: [refs.receiving, serviceReference(referral.receiving.serviceId, systems)],
    reasonCode,
    supportingInfo: [refs.consent],
  };
}

const latest = <T>(items: readonly T[]) => items.at(-1);

export function taskOf(referral: ReferralView, refs: ReferralRefs, systems: FhirSystems): Task {
  const keys = referralKeys(referral.id, systems);
  const output = (code: string) => ({ coding: [{ system: systems.codeSystem('task-output'), code }] });
  const entry = latest(referral.history.filter((h) => h.status === referral.status));
  const fact = latest(referral.delivery.filter((f) => f.version === referral.version));
  const feedback = referral.status === 'completed' ? entry?.feedback : undefined;
  return {
    resourceType: 'Task',
    identifier: [{ system: keys.task.system, value: keys.task.value }],
    basedOn: [refs.serviceRequest],
    // The indirect pattern: this is the recipient's Task, part of the referral's Task that Relais, the
    // coordination platform, holds; Relais runs no FHIR server, so the reference is logical (by identifier).
    partOf: [{ type: 'Task', identifier: keys.coordination }],
    status: TASK_STATUS[referral.status],
    ...(entry?.reasonCode || entry?.note
      ? {
          statusReason: {
            ...(entry.reasonCode
              ? { coding: [{ system: systems.codeSystem('reason-code'), code: entry.reasonCode }] }
              : {}),
            ...(entry.note ? { text: entry.note } : {}),
          },
        }
      : {}),
    ...(fact
      ? {
          businessStatus: { coding: [{ system: systems.codeSystem('delivery-fact'), code: fact.fact }], text: fact.at },
        }
      : {}),
    intent: 'order',
    priority: PRIORITY[referral.priority],
    code: { coding: [{ system: TASK_CODE, code: 'fulfill' }] },
    focus: refs.serviceRequest,
    for: refs.patient,
    authoredOn: referral.requestedAt,
    lastModified: referral.updatedAt,
    requester: refs.referring,
    owner: refs.receiving,
    restriction: { period: { end: referral.dueAt } },
    // The same outputs a recipient sets when it completes the Task on its own server (task-answers.ts).
    ...(feedback
      ? {
          output: [
            { type: output('service-provided'), valueString: feedback.serviceProvided },
            { type: output('outcome'), valueCode: feedback.outcome },
            { type: output('date'), valueDate: feedback.date },
          ],
        }
      : {}),
  };
}

const bool = (url: string, valueBoolean: boolean) => ({ url, valueBoolean });

/**
 * The referral's consent: who may receive (provision.actor, the consented organisations as information
 * recipients), what (provision.class, the data categories), for what (provision.purpose, the service
 * types), until when (provision.period, cut short by a revocation), under which policy. An override is a
 * Consent too, under the Relais override policy, so that a reader sees no consent was given.
 */
export function consentOf(referral: ReferralView, refs: ReferralRefs, systems: FhirSystems): Consent {
  const keys = referralKeys(referral.id, systems);
  const c = referral.consent;
  const revoked = referral.consentRevokedAt;
  const common = {
    resourceType: 'Consent' as const,
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: refs.patient,
    organization: [refs.referring],
  };
  const classes = c.categories.map((code) => ({ system: systems.codeSystem('data-category'), code }));
  if (c.basis === 'override') {
    return {
      ...common,
      identifier: [{ system: keys.consent.system, value: keys.consent.value }],
      status: revoked ? 'inactive' : 'active',
      dateTime: referral.requestedAt,
      policy: [{ uri: systems.policy('consent-override') }],
      provision: {
        type: 'permit',
        period: { start: referral.requestedAt, ...(revoked ? { end: revoked } : {}) },
        actor: [recipient(refs.receiving)],
        class: classes,
      },
    };
  }
  const ends = [c.validUntil, revoked].filter((t): t is string => t !== undefined).sort();
  return {
    ...common,
    identifier: [
      { system: keys.consent.system, value: keys.consent.value },
      ...(c.reference
        ? [{ system: systems.consentFormOf(referral.referring.organisationId), value: c.reference }]
        : []),
    ],
    extension: [
      bool(systems.extension('consent-caregiver'), c.caregiverConsent),
      bool(systems.extension('consent-child-assent'), c.childAssent),
      { url: systems.extension('consent-child-age'), valueInteger: c.childAgeAtConsent },
    ],
    status: revoked ? 'inactive' : 'active',
    dateTime: c.givenAt,
    policy: [{ uri: systems.policy('referral-consent') }],
    provision: {
      type: 'permit',
      period: { start: c.givenAt, end: ends[0]! },
      actor: c.recipients.map((organisationId) => recipient(organisationReference(organisationId, systems))),
      class: classes,
      purpose: c.purposes.map((code) => ({ system: systems.codeSystem('service-type'), code })),
    },
  };
}

const recipient = (reference: Reference<Organization>) => ({
  role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
  reference,
});
