import type { ReviewDecisionRequest } from '../../schemas/api/persons.ts';
import { RelaisError, notFound } from '../errors/relais-error.ts';
import { audit } from './audit.ts';
import type { RegistryDeps } from './deps.ts';
import { mergeInto } from './merge.ts';
import type { ReviewItem } from './model.ts';
import type { ReviewPage, ReviewQuery } from './ports.ts';
import { markDistinct, memberIds, resolvePerson, updatePerson } from './persons.ts';
import { splitPerson } from './split.ts';

export const MAX_REVIEW_PAGE = 100;

export function listReviews(deps: RegistryDeps, query: Partial<ReviewQuery> = {}): Promise<ReviewPage> {
  return deps.store.listReviews({
    status: query.status ?? 'open',
    limit: Math.min(query.limit ?? 50, MAX_REVIEW_PAGE),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}

export interface ReviewDecision {
  decision: ReviewDecisionRequest['decision'];
  by: string;
  /** The organisation whose administrator decides (absent only for tools acting for the registry). */
  byOrganisationId?: string | undefined;
  reason: string;
}

/**
 * Settles a review item. `same` merges the two persons (the smaller id survives) and lifts any
 * "different" marks between them. `different` marks every record of each person as a different child
 * from every record of the other, which automatic matching never undoes, also on re-ingestion; if the
 * two had been put together meanwhile, the reviewed record is split out first. A review settles its pair
 * of persons once: deciding it again, the same way or the other, is a conflict (merge or split instead).
 */
export async function decideReview(deps: RegistryDeps, reviewId: string, input: ReviewDecision): Promise<ReviewItem> {
  const { store } = deps;
  const now = deps.clock.now().toISOString();
  const review = await store.getReview(reviewId);
  if (!review) throw notFound('review-not-found');
  if (review.status !== 'open') throw new RelaisError('conflict', 'review-decided');
  // Each record's person as it is now: a merge or a split since the review may have moved either.
  const [link, candidateLink] = await Promise.all([
    store.getLink(review.recordId),
    store.getLink(review.candidateRecordId),
  ]);
  const own = await resolvePerson(store, link?.personId ?? review.personId);
  const other = await resolvePerson(store, candidateLink?.personId ?? review.candidatePersonId);
  if (!own || !other) throw notFound('person-not-found');

  const actor = { by: input.by, byOrganisationId: input.byOrganisationId };
  if (input.decision === 'same') {
    await mergeInto(store, now, {
      personIds: [own.id, other.id],
      ...actor,
      reason: input.reason,
      override: true,
    });
  } else {
    let mine = own;
    if (own.id === other.id) {
      mine = await splitPerson(deps, {
        personId: own.id,
        recordIds: [review.recordId],
        ...actor,
        reason: input.reason,
      });
    }
    const theirs = (await resolvePerson(store, other.id)) ?? other;
    const mineIds = memberIds(mine);
    const theirIds = memberIds(theirs);
    await updatePerson(store, mine.id, (p) => ({ ...p, members: markDistinct(p.members, theirIds) }), now);
    await updatePerson(store, theirs.id, (p) => ({ ...p, members: markDistinct(p.members, mineIds) }), now);
  }
  const decided: ReviewItem = {
    ...review,
    status: input.decision,
    decidedAt: now,
    decidedBy: input.by,
    ...(input.byOrganisationId ? { decidedByOrganisationId: input.byOrganisationId } : {}),
    reason: input.reason,
    version: review.version + 1,
  };
  // Someone decided it meanwhile: theirs stands.
  if (!(await store.putReview(decided, review.version))) throw new RelaisError('conflict', 'review-decided');
  const holders = [...own.members, ...other.members];
  for (const personId of new Set([own.id, other.id])) {
    await audit(store, now, {
      personId,
      action: input.decision === 'same' ? 'review-same' : 'review-different',
      ...actor,
      reason: input.reason,
      records: [review.recordId, review.candidateRecordId].map((recordId) => ({
        recordId,
        organisationId: holders.find((m) => m.recordId === recordId)?.organisationId,
      })),
      relatedPersonId: personId === own.id ? other.id : own.id,
      key: [reviewId],
    });
  }
  return decided;
}
