import { decideReviewForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { ReviewDecisionRequest, ReviewPath } from '../../../schemas/api/persons.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('decideReview', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReviewPath, 'review-not-found');
  return json(
    200,
    await decideReviewForOrganisation(
      container.registry,
      principal!,
      id,
      parseJsonBodyAs(event, ReviewDecisionRequest),
    ),
  );
});
