import { reviewsForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { ListReviewsQuery } from '../../../schemas/api/persons.ts';
import { pageWithSealedCursor } from '../../platform/cursors.ts';
import { json, parseQuery } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listReviews', async ({ event, container, principal }) => {
  const { cursor, ...query } = parseQuery(event, ListReviewsQuery);
  const organisationId = principal!.organisationId;
  const scope = { list: 'reviews', organisationId, query: { status: query.status } };
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      reviewsForOrganisation(container.registry, organisationId, {
        ...query,
        ...(position ? { cursor: position } : {}),
      }),
    ),
  );
});
