import { personForOrganisation } from '../../core/persons/scoped-registry.ts';
import { PersonPath, PersonQuery } from '../../schemas/api/persons.ts';
import { json, parsePath, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getPerson', async ({ event, container, principal }) => {
  const { id } = parsePath(event, PersonPath, 'person-not-found');
  const { historyLimit, historyCursor } = parseQuery(event, PersonQuery);
  return json(
    200,
    await personForOrganisation(container.registry, principal!.organisationId, id, {
      limit: historyLimit,
      cursor: historyCursor,
    }),
  );
});
