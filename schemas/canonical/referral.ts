import * as z from 'zod';
import { localisedIssue } from '../localised-issue.ts';
import { ProtectionConcern, ServiceType } from './codes.ts';
import { OrganisationId } from './organisation.ts';
import { Person } from './person.ts';
import { RecordId } from './record.ts';
import { ServiceId } from './service.ts';

/**
 * A cross-organisation referral, canonical schema v1: what one organisation asks of another for a child,
 * under which consent, and every step of its life. The child travels only as the minimised view the
 * consent and the service allow (core/referrals/minimise.ts).
 */

const text = (max: number) => z.string().trim().min(1).max(max);

export const ReferralId = z
  .string()
  .regex(/^ref_[a-z2-7]{26}$/)
  .meta({ id: 'ReferralId' });

const PersonIdRef = z.string().regex(/^per_[a-z2-7]{26}$/);

/** A case worker is named by a code of the organisation, never by name. */
export const CaseWorkerCode = text(100).meta({ id: 'CaseWorkerCode', description: 'A code, never a name' });

/**
 * The FHIR Task statuses the HL7 SDOH Clinical Care referral profile uses (it excludes `received`, `ready`,
 * `draft` and `entered-in-error`). Delivery facts are kept apart from the status (`DeliveryFact`).
 */
export const ReferralStatus = z
  .enum(['requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'completed', 'failed'])
  .meta({ id: 'ReferralStatus' });
export type ReferralStatus = z.infer<typeof ReferralStatus>;

/** Priorities of the inter-agency referral form; each gives a response time (core/referrals/priority.ts). */
export const ReferralPriority = z.enum(['emergency', 'urgent', 'normal']).meta({ id: 'ReferralPriority' });
export type ReferralPriority = z.infer<typeof ReferralPriority>;

/**
 * What of the child a consent may release. Each category opens a fixed part of the child's record
 * (core/referrals/minimise.ts): identity → names; sex; age → birth date or stated age; location →
 * address; contact → phone numbers; caregivers; identifiers; protection → protection concerns, risk level
 * and displacement status.
 */
export const DataCategory = z
  .enum(['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'identifiers', 'protection'])
  .meta({ id: 'DataCategory' });
export type DataCategory = z.infer<typeof DataCategory>;

/** Why a referral was rejected, put on hold, cancelled or failed: a code list, labelled in French and English. */
export const ReasonCode = z
  .enum([
    'no-capacity',
    'not-eligible',
    'outside-service-area',
    'service-unavailable',
    'duplicate-referral',
    'child-not-found',
    'child-declined',
    'caregiver-declined',
    'consent-withdrawn',
    'child-moved',
    'need-met-elsewhere',
    'awaiting-information',
    'safety-concern',
    'referred-in-error',
    'other',
  ])
  .meta({ id: 'ReasonCode' });
export type ReasonCode = z.infer<typeof ReasonCode>;

export const ServiceOutcome = z
  .enum(['needs-met', 'needs-partially-met', 'needs-not-met'])
  .meta({ id: 'ServiceOutcome' });

/** What the receiver reports when it completes a referral: the loop closes with this. */
export const ReferralFeedback = z
  .strictObject({
    serviceProvided: text(500).meta({ description: 'The service or action actually given' }),
    outcome: ServiceOutcome,
    date: z.iso.date().meta({ description: 'When the service was given' }),
    note: text(2000).optional().meta({ description: 'For the referring case worker; no names' }),
  })
  .meta({ id: 'ReferralFeedback' });
export type ReferralFeedback = z.infer<typeof ReferralFeedback>;

/** A status change as asked by either side. */
export const StatusChange = z
  .strictObject({
    status: ReferralStatus,
    reasonCode: ReasonCode.optional(),
    note: text(2000).optional(),
    feedback: ReferralFeedback.optional(),
    receiverCaseId: text(200)
      .optional()
      .meta({ description: "The receiver's own case id (filler), usually given on acceptance" }),
  })
  .meta({ id: 'StatusChange' });
export type StatusChange = z.infer<typeof StatusChange>;

/**
 * The child's consent record: the id of the signed consent form in the referring organisation's case file.
 * Referrals made under one form share it, so withdrawing that consent reaches all of them. Safe id
 * characters only, starting with a letter or digit: it is a path segment of the revocation route.
 */
export const ConsentReference = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .meta({
    id: 'ConsentReference',
    description: "The id of the consent form in the referring organisation's case file; never a name",
  });

/**
 * Consent to refer, as recorded by the referring case worker: who gave it (caregiver consent and/or child
 * assent, with the child's age then), when, to whom, for what and until when.
 */
export const ReferralConsent = z
  .strictObject({
    basis: z.literal('consent'),
    reference: ConsentReference.optional(),
    caregiverConsent: z.boolean().meta({ description: 'A caregiver consented' }),
    childAssent: z.boolean().meta({ description: 'The child assented (or, old enough, consented)' }),
    childAgeAtConsent: z.number().int().min(0).max(25),
    givenAt: z.iso.datetime({ offset: true }),
    recordedBy: CaseWorkerCode,
    recipients: z
      .array(OrganisationId)
      .min(1)
      .max(20)
      .meta({ description: 'Organisations the child may be referred to' }),
    categories: z.array(DataCategory).min(1).max(8).meta({ description: 'What of the child may be released' }),
    purposes: z.array(ServiceType).min(1).max(20).meta({ description: 'The services the referral may be for' }),
    validUntil: z.iso.datetime({ offset: true }),
  })
  .superRefine((c, ctx) => {
    if (!c.caregiverConsent && !c.childAssent) {
      ctx.addIssue(
        localisedIssue(
          ['caregiverConsent'],
          'Neither caregiver consent nor child assent is recorded',
          "Ni le consentement d'un parent ou tuteur ni l'assentiment de l'enfant ne sont enregistrés",
        ),
      );
    }
  })
  .meta({ id: 'ReferralConsent' });

/**
 * No consent could be obtained and the child must be referred anyway (immediate danger): an override.
 * It needs the organisation's admin role, is audited and stays flagged on the referral.
 */
export const ConsentOverride = z
  .strictObject({
    basis: z.literal('override'),
    justification: z.string().trim().min(20).max(2000),
    recordedBy: CaseWorkerCode,
    categories: z.array(DataCategory).min(1).max(8),
  })
  .meta({ id: 'ConsentOverride' });

export const ConsentBasis = z.discriminatedUnion('basis', [ReferralConsent, ConsentOverride]).meta({
  id: 'ConsentBasis',
});
export type ConsentBasis = z.infer<typeof ConsentBasis>;

/** The child as the receiver sees it: only the parts of the referrer's record that consent and service allow. */
export const ReferralChildView = Person.partial()
  .extend({
    protectionConcerns: z.array(ProtectionConcern).max(30).optional(),
    riskLevel: z.enum(['high', 'medium', 'low']).optional(),
    displacementStatus: z.string().max(50).optional(),
  })
  .meta({ id: 'ReferralChildView' });
export type ReferralChildView = z.infer<typeof ReferralChildView>;

/** Who the referral is to: a named service, or the directory's services of a type for the child. */
export const ReferralRouting = z
  .strictObject({
    serviceId: ServiceId.optional().meta({ description: 'An explicit receiving service' }),
    serviceType: ServiceType.optional().meta({ description: 'Route to an active service of this type' }),
    choose: z
      .enum(['only', 'best'])
      .default('only')
      .meta({ description: 'With several eligible services: 409 listing them (only), or the best one' }),
  })
  .refine((r) => r.serviceId !== undefined || r.serviceType !== undefined, {
    ...localisedIssue(['serviceId'], 'Name a serviceId or a serviceType', 'Indiquez serviceId ou serviceType'),
  });

/** What a referring organisation sends (POST /v1/referrals, or a mapping targeting referrals). */
export const ReferralInput = z
  .strictObject({
    to: ReferralRouting,
    child: z
      .strictObject({
        recordId: RecordId.optional().meta({ description: "Your organisation's record of the child" }),
        person: Person.optional().meta({ description: 'The child as your tool holds it, when there is no record' }),
      })
      .refine((c) => (c.recordId === undefined) !== (c.person === undefined), {
        ...localisedIssue(['recordId'], 'Give either recordId or person', 'Donnez soit recordId soit person'),
      }),
    reason: text(2000).meta({ description: 'Why the child is referred; no names of other people' }),
    protectionConcerns: z.array(ProtectionConcern).max(30).optional(),
    priority: ReferralPriority,
    referringCaseId: text(200).optional().meta({ description: 'Your case id (placer)' }),
    referringCaseWorker: CaseWorkerCode.optional(),
    consent: ConsentBasis.optional().meta({ description: 'Required: a consent, or an override by an admin' }),
  })
  .meta({ id: 'ReferralInput' });
export type ReferralInput = z.input<typeof ReferralInput>;

/**
 * What a mapping targeting referrals produces from one partner payload: a referral request and the id the
 * partner's tool gives the submission, which makes the referral's idempotency key (a pushed form sent
 * again is the same referral).
 */
export const MappedReferral = ReferralInput.extend({ sourceRecordId: z.string().trim().min(1).max(200) });
export type MappedReferral = z.output<typeof MappedReferral>;
/** A referral request as validated, defaults applied. */
export type ReferralRequest = z.output<typeof ReferralInput>;

export const StatusEntry = z
  .strictObject({
    version: z.number().int().min(1),
    status: ReferralStatus,
    at: z.iso.datetime(),
    byOrganisationId: OrganisationId,
    side: z.enum(['referring', 'receiving']),
    reasonCode: ReasonCode.optional(),
    note: z.string().optional(),
    feedback: ReferralFeedback.optional(),
    /** A digest of the caller's Idempotency-Key, so a retried change is told from a repeated one; never shown. */
    requestKey: z.string().optional(),
  })
  .meta({ id: 'StatusEntry' });
export type StatusEntry = z.infer<typeof StatusEntry>;

/** Facts about carrying the referral, recorded apart from its status. */
export const DeliveryFact = z
  .strictObject({
    fact: z.enum(['queued', 'delivered', 'read', 'undeliverable', 'purge-requested', 'purge-acknowledged']),
    at: z.iso.datetime(),
    toOrganisationId: OrganisationId,
    version: z.number().int().min(1).meta({ description: 'The referral version the fact is about' }),
    channel: z.enum(['webhook', 'inbox']).optional(),
  })
  .meta({ id: 'DeliveryFact' });
export type DeliveryFact = z.infer<typeof DeliveryFact>;

export const Referral = z
  .strictObject({
    schemaVersion: z.literal('1'),
    id: ReferralId,
    version: z.number().int().min(1),
    referring: z.strictObject({
      organisationId: OrganisationId,
      caseId: z.string().optional(),
      caseWorker: z.string().optional(),
    }),
    receiving: z.strictObject({
      organisationId: OrganisationId,
      serviceId: ServiceId,
      caseId: z.string().optional(),
    }),
    serviceType: ServiceType,
    child: z.strictObject({
      personId: PersonIdRef.optional(),
      recordId: RecordId.optional(),
      view: ReferralChildView,
      /** The categories the view was cut to: consent ∩ what the service needs. */
      categories: z.array(DataCategory),
    }),
    reason: z.string(),
    priority: ReferralPriority,
    requestedAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    consent: ConsentBasis,
    consentRevokedAt: z.iso.datetime().optional(),
    /** A digest of the creating request, so a retry is told from a reused Idempotency-Key; never shown. */
    requestHash: z.string().optional(),
    status: ReferralStatus,
    history: z.array(StatusEntry),
    delivery: z.array(DeliveryFact),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

export const ReferralEventType = z
  .enum(['referral.requested', 'referral.status-changed', 'consent.revoked'])
  .meta({ id: 'ReferralEventType' });

/**
 * One thing the other party must hear about: a new referral for the receiver, each status change for the
 * side that did not make it, a purge notice. Its id is derived from (referral, version, recipient), so a
 * receiver deduplicates on it and a retried step writes the same event again.
 */
export const ReferralEvent = z
  .strictObject({
    id: z.string().regex(/^evt_[a-z2-7]{26}$/),
    type: ReferralEventType,
    referralId: ReferralId,
    version: z.number().int().min(1),
    status: ReferralStatus,
    recipientOrganisationId: OrganisationId,
    at: z.iso.datetime(),
  })
  .meta({ id: 'ReferralEvent' });
export type ReferralEvent = z.infer<typeof ReferralEvent>;
