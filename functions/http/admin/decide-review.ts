import { decideReviewForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { ReviewDecisionRequest, ReviewPath } from '../../../schemas/api/persons.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('decideReview', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReviewPath, 'review-not-found');
  const review = await decideReviewForOrganisation(
    container.registry,
    principal!,
    id,
    parseJsonBodyAs(event, ReviewDecisionRequest),
  );
  // After the decision is stored: a "same" decision merged the two persons.
  await container.statsQueue.refresh([{ personId: review.personId }, { personId: review.candidatePersonId }]);
  return json(200, review);
});
