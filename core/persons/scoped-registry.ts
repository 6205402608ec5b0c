import type { z } from 'zod';
import {
  ANOTHER_ORGANISATION,
  type HistoryEntry,
  type MatchResponse,
  type PersonView,
  type ReviewDecisionRequest,
  type ReviewView,
} from '../../schemas/api/persons.ts';
import type { Person } from '../../schemas/canonical/index.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { ownScope, type Scope } from '../access/scope.ts';
import { type Purpose, canSee, hidden, requireVisiblePerson, visibleMembers } from '../access/visibility.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { RateLimiter } from '../ports.ts';
import { MATCHER, type RegistryDeps } from '../registry/deps.ts';
import { findCandidates } from '../registry/find-candidates.ts';
import { getPerson, mergePersons, splitPerson } from '../registry/manage-persons.ts';
import type { AuditEvent, RegistryPerson, ReviewItem } from '../registry/model.ts';
import { resolvePerson, resolvePersons } from '../registry/persons.ts';
import type { AuditQuery } from '../registry/ports.ts';
import { decideReview, listReviews } from '../registry/reviews.ts';

/**
 * The registry links records of many organisations; each organisation sees only its own. These use
 * cases wrap the registry's with that rule, as core/access/visibility.ts decides it: a person, a review
 * or a merge is reachable only through a record the caller's organisation holds, anything else answers
 * 404, other organisations' record ids never leave the registry, and neither do who in another
 * organisation decided something, or why.
 */

/** Searches a child's profile against the registry: a privacy-sensitive read, so it is rate-limited. */
export const MATCH_LIMIT = { perMinute: 30 };

const actor = (principal: Principal) => ({ by: actorOf(principal), byOrganisationId: principal.organisationId });
const ownRecords = (person: RegistryPerson, scope: Scope, purpose: Purpose = 'read') =>
  new Set(visibleMembers(scope, person, purpose).map((m) => m.recordId));
/** A record of the registry as the access policy knows it: by the organisation holding it. */
const heldBy = (organisationId: string | undefined) => ({
  kind: 'record' as const,
  ownerOrganisationId: organisationId,
});

/**
 * Who decided, as an organisation may be told: its own actor and reason, the matcher's (a code, no free
 * text), or only that another organisation decided. Items written before the acting organisation was
 * kept have none, and count as another organisation's.
 */
function shownDecision(
  by: string,
  byOrganisationId: string | undefined,
  reason: string | undefined,
  scope: Scope,
): { by: string; reason?: string } {
  const visible =
    canSee(scope, { kind: 'decision', ownerOrganisationId: byOrganisationId }) ||
    (byOrganisationId === undefined && by === MATCHER);
  if (!visible) return { by: ANOTHER_ORGANISATION };
  return reason === undefined ? { by } : { by, reason };
}

/**
 * The events of a person's history that concern the organisation's records, as it may see them. Older
 * events that do not say who holds each record fall back to the person's present members (`own`).
 */
export function historyForOrganisation(
  events: readonly AuditEvent[],
  own: ReadonlySet<string>,
  organisationId: string,
): Array<z.output<typeof HistoryEntry>> {
  const scope = ownScope({ organisationId });
  return events.flatMap((e) => {
    const recordIds = e.recordIds.filter((r) =>
      e.recordOrganisations ? canSee(scope, heldBy(e.recordOrganisations[r])) : own.has(r),
    );
    if (recordIds.length === 0) return [];
    return [
      {
        at: e.at,
        action: e.action,
        ...shownDecision(e.by, e.byOrganisationId, e.reason, scope),
        recordIds,
        ...(e.score !== undefined ? { score: e.score } : {}),
      },
    ];
  });
}

async function visiblePerson(deps: RegistryDeps, scope: Scope, id: string, purpose: Purpose = 'read') {
  return requireVisiblePerson(scope, await resolvePerson(deps.store, id), purpose);
}

export async function personForOrganisation(
  deps: RegistryDeps,
  organisationId: string,
  id: string,
  page: AuditQuery = { limit: 50 },
): Promise<z.output<typeof PersonView>> {
  const scope = ownScope({ organisationId });
  await visiblePerson(deps, scope, id);
  const view = await getPerson(deps, id, page);
  if (!view) throw hidden('person');
  const own = ownRecords(view.person, scope);
  const records = view.person.members
    .filter((m) => own.has(m.recordId))
    .map((m) => ({ recordId: m.recordId, linkedAt: m.linkedAt, linkedBy: m.linkedBy }));
  return {
    id: view.person.id,
    status: view.person.status,
    records,
    otherRecords: view.person.members.length - records.length,
    history: historyForOrganisation(view.history.items, own, organisationId),
    ...(view.history.nextCursor ? { historyNextCursor: view.history.nextCursor } : {}),
  };
}

/**
 * Candidates the caller holds a record of come with their detail. Persons held only by other
 * organisations would make the search an oracle on their children (ids, scores and per-field
 * explanations narrow a child down), so they are only counted: by how many organisations hold a
 * possible match (link or review), which is what a referral or a contact needs.
 */
export async function matchForOrganisation(
  deps: RegistryDeps & { limiter: RateLimiter },
  principal: Principal,
  person: Person,
  limit: number,
): Promise<z.output<typeof MatchResponse>> {
  // Per organisation: issuing more keys must not multiply the searches allowed.
  const allowed = await deps.limiter.consume(`match:${principal.organisationId}`, MATCH_LIMIT.perMinute, 60);
  if (!allowed.allowed) throw new RelaisError('too-many-requests', 'rate-limited', [], allowed.retryAfterSeconds);
  const candidates = await findCandidates(deps, person, { limit: Number.POSITIVE_INFINITY });
  const scope = ownScope(principal);
  const holds = (c: (typeof candidates)[number]) => c.organisationIds.some((o) => canSee(scope, heldBy(o)));
  const mine = candidates.filter(holds);
  const elsewhere = new Set(
    candidates.filter((c) => !holds(c) && c.outcome !== 'new').flatMap((c) => c.organisationIds),
  );
  return {
    candidates: mine.slice(0, limit).map((c) => ({
      personId: c.personId,
      outcome: c.outcome,
      ...(c.guard ? { guard: c.guard } : {}),
      score: c.score,
      fields: c.fields,
      ...(canSee(scope, heldBy(c.closestOrganisationId)) ? { closestRecordId: c.closestRecordId } : {}),
    })),
    knownElsewhere: { organisations: elsewhere.size },
  };
}

interface ReviewSides {
  recordOrg?: string | undefined;
  candidateOrg?: string | undefined;
}

/**
 * The organisations a review concerns (those holding either record), from where each record is now: its
 * link names its person, which a merge or a split since the review may have changed.
 */
function reviewSides(
  review: ReviewItem,
  persons: ReadonlyMap<string, RegistryPerson>,
  linked: ReadonlyMap<string, string>,
): ReviewSides {
  const orgOf = (recordId: string, ...personIds: Array<string | undefined>) => {
    for (const id of personIds) {
      const member = (id ? persons.get(id) : undefined)?.members.find((m) => m.recordId === recordId);
      if (member) return member.organisationId;
    }
    return undefined;
  };
  return {
    recordOrg: orgOf(review.recordId, linked.get(review.recordId), review.personId, review.candidatePersonId),
    candidateOrg: orgOf(
      review.candidateRecordId,
      linked.get(review.candidateRecordId),
      review.candidatePersonId,
      review.personId,
    ),
  };
}

const concerns = (sides: ReviewSides, scope: Scope, purpose: Purpose = 'read') =>
  canSee(scope, heldBy(sides.recordOrg), purpose) || canSee(scope, heldBy(sides.candidateOrg), purpose);

async function sidesOf(deps: RegistryDeps, reviews: readonly ReviewItem[]): Promise<ReviewSides[]> {
  const links = await deps.store.getLinks(reviews.flatMap((r) => [r.recordId, r.candidateRecordId]));
  const linked = new Map(links.map((l) => [l.recordId, l.personId]));
  const persons = await resolvePersons(deps.store, [
    ...reviews.flatMap((r) => [r.personId, r.candidatePersonId]),
    ...links.map((l) => l.personId),
  ]);
  return reviews.map((r) => reviewSides(r, persons, linked));
}

function reviewView(review: ReviewItem, sides: ReviewSides, scope: Scope): z.output<typeof ReviewView> {
  const decision = review.decidedBy
    ? shownDecision(review.decidedBy, review.decidedByOrganisationId, review.reason, scope)
    : undefined;
  return {
    id: review.id,
    status: review.status,
    personId: review.personId,
    candidatePersonId: review.candidatePersonId,
    ...(canSee(scope, heldBy(sides.recordOrg)) ? { recordId: review.recordId } : {}),
    ...(canSee(scope, heldBy(sides.candidateOrg)) ? { candidateRecordId: review.candidateRecordId } : {}),
    score: review.score,
    ...(review.guard ? { guard: review.guard } : {}),
    fields: review.fields,
    createdAt: review.createdAt,
    ...(review.decidedAt ? { decidedAt: review.decidedAt } : {}),
    ...(decision ? { decidedBy: decision.by } : {}),
    ...(decision?.reason ? { reason: decision.reason } : {}),
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
  const scope = ownScope({ organisationId });
  const page = await listReviews(deps, query);
  const sides = await sidesOf(deps, page.items);
  const items = page.items.flatMap((review, i) =>
    concerns(sides[i]!, scope) ? [reviewView(review, sides[i]!, scope)] : [],
  );
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** One review, as the queue shows it, when the organisation holds either record; anything else is a 404. */
export async function reviewForOrganisation(deps: RegistryDeps, organisationId: string, reviewId: string) {
  const scope = ownScope({ organisationId });
  const review = await deps.store.getReview(reviewId);
  const [sides] = review ? await sidesOf(deps, [review]) : [];
  if (!review || !sides || !concerns(sides, scope)) throw hidden('review');
  return reviewView(review, sides, scope);
}

export async function decideReviewForOrganisation(
  deps: RegistryDeps,
  principal: Principal,
  reviewId: string,
  input: ReviewDecisionRequest,
) {
  const scope = ownScope(principal);
  const review = await deps.store.getReview(reviewId);
  const [sides] = review ? await sidesOf(deps, [review]) : [];
  if (!review || !sides || !concerns(sides, scope, 'manage')) throw hidden('review');
  const decided = await decideReview(deps, reviewId, { ...input, ...actor(principal) });
  return reviewView(decided, sides, scope);
}

/** An administrator may merge two persons only when their organisation holds a record in each. */
export async function mergeForOrganisation(
  deps: RegistryDeps,
  principal: Principal,
  targetId: string,
  input: { personId: string; reason: string },
) {
  const scope = ownScope(principal);
  await visiblePerson(deps, scope, targetId, 'manage');
  await visiblePerson(deps, scope, input.personId, 'manage');
  const merged = await mergePersons(deps, {
    targetId,
    sourceId: input.personId,
    ...actor(principal),
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
  const scope = ownScope(principal);
  const person = await visiblePerson(deps, scope, personId, 'manage');
  const own = ownRecords(person, scope, 'manage');
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
    ...actor(principal),
    reason: input.reason,
  });
  return personForOrganisation(deps, principal.organisationId, created.id);
}
