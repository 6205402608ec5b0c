import type { z } from 'zod';
import type { MatchCandidate, PersonView, ReviewView } from '../../schemas/api/persons.ts';
import type { Person } from '../../schemas/canonical/index.ts';
import type { Principal } from '../auth/api-key.ts';
import { RelaisError, notFound } from '../errors/relais-error.ts';
import type { RateLimiter } from '../ports.ts';
import type { RegistryDeps } from '../registry/deps.ts';
import { findCandidates } from '../registry/find-candidates.ts';
import { getPerson, mergePersons, splitPerson } from '../registry/manage-persons.ts';
import type { RegistryPerson, ReviewItem } from '../registry/model.ts';
import { resolvePerson } from '../registry/persons.ts';
import { decideReview, listReviews } from '../registry/reviews.ts';

/**
 * The registry links records of many organisations; each organisation sees only its own. These use
 * cases wrap the registry's with that rule: a person, a review or a merge is reachable only through a
 * record the caller's organisation holds, anything else answers 404, and other organisations' record
 * ids never leave the registry.
 */

/** Searches a child's profile against the registry: a privacy-sensitive read, so it is rate-limited. */
export const MATCH_LIMIT = { perMinute: 30 };

const actor = (principal: Principal) =>
  principal.credential.kind === 'api-key'
    ? `key:${principal.credential.keyId}`
    : `source:${principal.credential.sourceId}`;
const ownRecords = (person: RegistryPerson, organisationId: string) =>
  new Set(person.members.filter((m) => m.organisationId === organisationId).map((m) => m.recordId));

async function visiblePerson(deps: RegistryDeps, organisationId: string, id: string): Promise<RegistryPerson> {
  const person = await resolvePerson(deps.store, id);
  if (!person || ownRecords(person, organisationId).size === 0) throw notFound('person-not-found');
  return person;
}

export async function personForOrganisation(
  deps: RegistryDeps,
  organisationId: string,
  id: string,
): Promise<z.output<typeof PersonView>> {
  await visiblePerson(deps, organisationId, id);
  const view = await getPerson(deps, id);
  if (!view) throw notFound('person-not-found');
  const own = ownRecords(view.person, organisationId);
  const records = view.person.members
    .filter((m) => own.has(m.recordId))
    .map((m) => ({ recordId: m.recordId, linkedAt: m.linkedAt, linkedBy: m.linkedBy }));
  return {
    id: view.person.id,
    status: view.person.status,
    records,
    otherRecords: view.person.members.length - records.length,
    history: view.audit
      .map((e) => ({
        at: e.at,
        action: e.action,
        by: e.by,
        reason: e.reason,
        recordIds: e.recordIds.filter((r) => own.has(r)),
        ...(e.score !== undefined ? { score: e.score } : {}),
      }))
      .filter((e) => e.recordIds.length > 0 || e.action === 'merge' || e.action === 'split'),
  };
}

export async function matchForOrganisation(
  deps: RegistryDeps & { limiter: RateLimiter },
  principal: Principal,
  person: Person,
  limit: number,
): Promise<{ candidates: Array<z.output<typeof MatchCandidate>> }> {
  const allowed = await deps.limiter.consume(`match:${actor(principal)}`, MATCH_LIMIT.perMinute, 60);
  if (!allowed.allowed) throw new RelaisError('too-many-requests', 'rate-limited', [], allowed.retryAfterSeconds);
  const candidates = await findCandidates(deps, person, { limit });
  return {
    candidates: candidates.map((c) => ({
      personId: c.personId,
      outcome: c.outcome,
      ...(c.guard ? { guard: c.guard } : {}),
      score: c.score,
      fields: c.fields,
      ...(c.closestOrganisationId === principal.organisationId ? { closestRecordId: c.closestRecordId } : {}),
    })),
  };
}

/** The organisations a review concerns: those holding either record. */
async function reviewSides(deps: RegistryDeps, review: ReviewItem) {
  const [mine, theirs] = await Promise.all([
    resolvePerson(deps.store, review.personId),
    resolvePerson(deps.store, review.candidatePersonId),
  ]);
  const orgOf = (person: RegistryPerson | undefined, recordId: string) =>
    person?.members.find((m) => m.recordId === recordId)?.organisationId;
  // A record may have moved by a merge or split since; look in both persons.
  const recordOrg = orgOf(mine, review.recordId) ?? orgOf(theirs, review.recordId);
  const candidateOrg = orgOf(theirs, review.candidateRecordId) ?? orgOf(mine, review.candidateRecordId);
  return { recordOrg, candidateOrg };
}

function reviewView(
  review: ReviewItem,
  sides: { recordOrg?: string; candidateOrg?: string },
  organisationId: string,
): z.output<typeof ReviewView> {
  return {
    id: review.id,
    status: review.status,
    personId: review.personId,
    candidatePersonId: review.candidatePersonId,
    ...(sides.recordOrg === organisationId ? { recordId: review.recordId } : {}),
    ...(sides.candidateOrg === organisationId ? { candidateRecordId: review.candidateRecordId } : {}),
    score: review.score,
    ...(review.guard ? { guard: review.guard } : {}),
    fields: review.fields,
    createdAt: review.createdAt,
    ...(review.decidedAt ? { decidedAt: review.decidedAt } : {}),
    ...(review.decidedBy ? { decidedBy: review.decidedBy } : {}),
    ...(review.reason ? { reason: review.reason } : {}),
  };
}

/**
 * The review queue of an organisation: items where it holds either record. Pages of the registry's
 * queue are filtered, so a page may hold fewer items than `limit` while `nextCursor` goes on.
 */
export async function reviewsForOrganisation(
  deps: RegistryDeps,
  organisationId: string,
  query: { status: ReviewItem['status']; limit: number; cursor?: string },
) {
  const page = await listReviews(deps, query);
  const items: Array<z.output<typeof ReviewView>> = [];
  for (const review of page.items) {
    const sides = await reviewSides(deps, review);
    if (sides.recordOrg === organisationId || sides.candidateOrg === organisationId)
      items.push(reviewView(review, sides, organisationId));
  }
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function decideReviewForOrganisation(
  deps: RegistryDeps,
  principal: Principal,
  reviewId: string,
  input: { decision: 'same' | 'different'; reason: string },
) {
  const review = await deps.store.getReview(reviewId);
  const sides: { recordOrg?: string; candidateOrg?: string } = review ? await reviewSides(deps, review) : {};
  if (!review || (sides.recordOrg !== principal.organisationId && sides.candidateOrg !== principal.organisationId))
    throw notFound('review-not-found');
  const decided = await decideReview(deps, reviewId, { ...input, by: actor(principal) });
  return reviewView(decided, sides, principal.organisationId);
}

/** An administrator may merge two persons only when their organisation holds a record in each. */
export async function mergeForOrganisation(
  deps: RegistryDeps,
  principal: Principal,
  targetId: string,
  input: { personId: string; reason: string },
) {
  await visiblePerson(deps, principal.organisationId, targetId);
  await visiblePerson(deps, principal.organisationId, input.personId);
  const merged = await mergePersons(deps, {
    targetId,
    sourceId: input.personId,
    by: actor(principal),
    reason: input.reason,
  });
  return personForOrganisation(deps, principal.organisationId, merged.id);
}

/** An administrator may split out only records their organisation holds. */
export async function splitForOrganisation(
  deps: RegistryDeps,
  principal: Principal,
  personId: string,
  input: { recordIds: string[]; reason: string },
) {
  const person = await visiblePerson(deps, principal.organisationId, personId);
  const own = ownRecords(person, principal.organisationId);
  const foreign = input.recordIds.findIndex((r) => !own.has(r));
  if (foreign >= 0) {
    throw new RelaisError('validation', 'invalid-document', [
      {
        pointer: `/recordIds/${foreign}`,
        code: 'not_in_person',
        message: {
          en: 'Not one of your records in this person',
          fr: "Ce n'est pas l'un de vos enregistrements dans cette personne",
        },
      },
    ]);
  }
  const created = await splitPerson(deps, {
    personId,
    recordIds: input.recordIds,
    by: actor(principal),
    reason: input.reason,
  });
  return personForOrganisation(deps, principal.organisationId, created.id);
}
