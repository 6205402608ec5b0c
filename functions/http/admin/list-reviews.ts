import { reviewsForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { ListReviewsQuery } from '../../../schemas/api/persons.ts';
import { json, parseQuery } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listReviews', async ({ event, container, principal }) =>
  json(
    200,
    await reviewsForOrganisation(container.registry, principal!.organisationId, parseQuery(event, ListReviewsQuery)),
  ),
);
