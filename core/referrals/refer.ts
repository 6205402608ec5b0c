import { createHash, randomUUID } from 'node:crypto';
import { requireConsent } from '../access/consent.ts';
import { ownScope } from '../access/scope.ts';
import { isOwnOrganisation, requireVisible } from '../access/visibility.ts';
import type { Principal } from '../access/principal.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Clock, RecordStore } from '../ports.ts';
import { recordIdFor } from '../records/record-id.ts';
import type { RegistryStore } from '../registry/ports.ts';
import type { ServiceDirectory } from '../services/ports.ts';
import { receivingService } from './route.ts';
import type { Referral, ReferralRequest } from '../../schemas/canonical/referral.ts';
import { ageInYears } from '../persons/age.ts';
import { minimiseChild, sharedCategories } from './minimise.ts';
import { queueChange, requeue } from './queue-event.ts';
import type { ReferralQueue, ReferralStore } from './ports.ts';
import { type ResponseHours, DEFAULT_RESPONSE_HOURS, dueAt } from './priority.ts';

export interface ReferralDeps {
  referrals: ReferralStore;
  queue: ReferralQueue;
  records: Pick<RecordStore, 'get'>;
  links: Pick<RegistryStore, 'getLink'>;
  services: Pick<ServiceDirectory, 'get' | 'listByType'>;
  clock: Clock;
  responseHours?: ResponseHours;
}

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/**
 * The referral's id: derived from the caller's Idempotency-Key when it sends one, so a retried POST
 * finds the referral it already made; otherwise new.
 */
export const referralIdFor = (organisationId: string, idempotencyKey: string | undefined) =>
  `ref_${recordIdFor('referral', idempotencyKey ? `${organisationId}\u0000${idempotencyKey}` : randomUUID()).slice(4)}`;

/** A referral checked, routed and cut to what consent allows, not yet stored; or the one a retry already made. */
export interface PreparedReferral {
  readonly referral: Referral;
  /** Made earlier with the same Idempotency-Key and the same request. */
  readonly earlier: boolean;
}

/**
 * Makes a referral: the child from the caller's own record (or as its tool sent it), routed to a
 * service, checked against consent, cut to what consent and service allow, queued for delivery and
 * stored. A retry with the same Idempotency-Key answers the same referral and queues its event again
 * (the queue and the receiver deduplicate); the same key with another request is 422.
 */
export async function refer(
  deps: ReferralDeps,
  principal: Principal,
  input: ReferralRequest,
  idempotencyKey?: string,
): Promise<{ referral: Referral; created: boolean }> {
  return commitReferral(deps, await prepareReferral(deps, principal, input, idempotencyKey));
}

/**
 * Everything of `refer` that can refuse (routing, consent, the Idempotency-Key reused), and nothing that
 * writes: a batch pushed by a partner's tool prepares every referral before storing any.
 */
export async function prepareReferral(
  deps: ReferralDeps,
  principal: Principal,
  input: ReferralRequest,
  idempotencyKey?: string,
): Promise<PreparedReferral> {
  const id = referralIdFor(principal.organisationId, idempotencyKey);
  const requestHash = digest(JSON.stringify(input));
  try {
    return { referral: await newReferral(deps, principal, input, id, requestHash), earlier: false };
  } catch (error) {
    // A retry is answered what the first request made, even if the directory or the consent would now
    // refuse it. Looked up only when refused: the creation's conditional write finds a retry otherwise.
    const earlier = idempotencyKey && error instanceof RelaisError ? await deps.referrals.get(id) : undefined;
    if (!earlier) throw error;
    if (earlier.requestHash !== requestHash) throw new RelaisError('validation', 'idempotency-key-reused');
    return { referral: earlier, earlier: true };
  }
}

async function newReferral(
  deps: ReferralDeps,
  principal: Principal,
  input: ReferralRequest,
  id: string,
  requestHash: string,
): Promise<Referral> {
  const now = deps.clock.now();
  const scope = ownScope(principal);
  const record = input.child.recordId
    ? requireVisible(scope, 'record', await deps.records.get(input.child.recordId))
    : undefined;
  const person = record?.person ?? input.child.person!;
  const service = await receivingService(deps.services, scope, input.to, {
    location: person.location,
    ageYears: ageInYears(person, now),
    sex: person.sex,
  });
  if (isOwnOrganisation(scope, service.organisationId)) {
    throw new RelaisError('validation', 'invalid-document', [
      {
        pointer: '/to/serviceId',
        code: 'own-service',
        message: {
          en: "A referral goes to another organisation's service",
          fr: "Une référence va vers le service d'une autre organisation",
        },
      },
    ]);
  }
  const consent = requireConsent(
    principal,
    input.consent,
    { receivingOrganisationId: service.organisationId, serviceType: service.type },
    now,
  );
  await requireRecordNotRevoked(deps, principal, consent.basis === 'consent' ? consent.reference : undefined);
  const categories = sharedCategories(consent.categories, service.type);
  const concerns = input.protectionConcerns ?? record?.case.protectionConcerns;
  const view = minimiseChild(
    {
      person,
      case: {
        ...(concerns ? { protectionConcerns: concerns } : {}),
        ...(record?.case.riskLevel ? { riskLevel: record.case.riskLevel } : {}),
        ...(record?.case.displacementStatus ? { displacementStatus: record.case.displacementStatus } : {}),
      },
    },
    categories,
  );
  const link = record ? await deps.links.getLink(record.id) : undefined;
  const at = now.toISOString();
  const referral: Referral = {
    schemaVersion: '1',
    id,
    version: 1,
    referring: {
      organisationId: principal.organisationId,
      ...(input.referringCaseId ? { caseId: input.referringCaseId } : {}),
      ...(input.referringCaseWorker ? { caseWorker: input.referringCaseWorker } : {}),
    },
    receiving: { organisationId: service.organisationId, serviceId: service.id },
    serviceType: service.type,
    child: {
      ...(link ? { personId: link.personId } : {}),
      ...(record ? { recordId: record.id } : {}),
      view,
      categories,
    },
    reason: input.reason,
    priority: input.priority,
    requestedAt: at,
    dueAt: dueAt(now, input.priority, deps.responseHours ?? DEFAULT_RESPONSE_HOURS).toISOString(),
    consent,
    requestHash,
    status: 'requested',
    history: [{ version: 1, status: 'requested', at, byOrganisationId: principal.organisationId, side: 'referring' }],
    delivery: [],
    updatedAt: at,
  };
  return referral;
}

/**
 * Queues a prepared referral's event, then stores it with the `queued` fact (core/referrals/queue-event.ts);
 * one made meanwhile under the same key is answered instead, and its event queued again.
 */
export async function commitReferral(
  deps: ReferralDeps,
  prepared: PreparedReferral,
): Promise<{ referral: Referral; created: boolean }> {
  if (!prepared.earlier) {
    const referral = { ...prepared.referral, delivery: [await queueChange(deps, prepared.referral, 1)] };
    if ((await deps.referrals.create(referral)) === 'created') return { referral, created: true };
  }
  const stored = prepared.earlier ? prepared.referral : (await deps.referrals.get(prepared.referral.id))!;
  if (stored.requestHash !== prepared.referral.requestHash) {
    throw new RelaisError('validation', 'idempotency-key-reused');
  }
  await requeue(deps, stored, 1);
  return { referral: stored, created: false };
}

/**
 * Consent withdrawn on a consent record is withdrawn for good: a new referral naming that record is 422
 * (the case worker records the new consent under a new reference). Read only when a reference is named.
 */
async function requireRecordNotRevoked(deps: ReferralDeps, principal: Principal, reference: string | undefined) {
  if (!reference) return;
  for (const id of await deps.referrals.listByConsent(principal.organisationId, reference)) {
    if ((await deps.referrals.get(id))?.consentRevokedAt === undefined) continue;
    throw new RelaisError('validation', 'invalid-document', [
      {
        pointer: '/consent/reference',
        code: 'consent-revoked',
        message: {
          en: 'Consent under this consent record was withdrawn; record the new consent under a new reference',
          fr: 'Le consentement de cette fiche a été retiré ; enregistrez le nouveau consentement sous une nouvelle référence',
        },
      },
    ]);
  }
}
