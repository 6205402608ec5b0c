import { listOwnServices } from '../../../core/services/manage.ts';
import { ListServicesQuery } from '../../../schemas/api/services.ts';
import { pageWithSealedCursor } from '../../platform/cursors.ts';
import { json, parseQuery } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listServices', async ({ event, container, principal }) => {
  const { cursor, limit } = parseQuery(event, ListServicesQuery);
  const scope = { list: 'own-services', organisationId: principal!.organisationId, query: {} };
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      listOwnServices(container.services, principal!, position, limit),
    ),
  );
});
