import { personForOrganisation } from '../../core/persons/scoped-registry.ts';
import { PersonPath, PersonQuery } from '../../schemas/api/persons.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parsePath, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getPerson', async ({ event, container, principal }) => {
  const { id } = parsePath(event, PersonPath, 'person-not-found');
  const { historyLimit, historyCursor } = parseQuery(event, PersonQuery);
  const organisationId = principal!.organisationId;
  const scope = { list: 'person-history', organisationId, query: { personId: id } };
  return json(
    200,
    await pageWithSealedCursor(
      container,
      scope,
      historyCursor,
      (position) =>
        personForOrganisation(container.registry, organisationId, id, {
          limit: historyLimit,
          ...(position ? { cursor: position } : {}),
        }),
      { field: 'historyNextCursor', parameter: 'historyCursor' },
    ),
  );
});
