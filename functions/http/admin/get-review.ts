import { reviewForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { ReviewPath } from '../../../schemas/api/persons.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('getReview', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReviewPath, 'review-not-found');
  return json(200, await reviewForOrganisation(container.registry, principal!.organisationId, id));
});
