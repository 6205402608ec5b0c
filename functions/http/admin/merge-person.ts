import { mergeForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { MergeRequest, PersonPath } from '../../../schemas/api/persons.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('mergePerson', async ({ event, container, principal }) => {
  const { id } = parsePath(event, PersonPath, 'person-not-found');
  return json(
    200,
    await mergeForOrganisation(container.registry, principal!, id, parseJsonBodyAs(event, MergeRequest)),
  );
});
