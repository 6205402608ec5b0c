import { mergeForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { MergeRequest, PersonPath } from '../../../schemas/api/persons.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('mergePerson', async ({ event, container, principal }) => {
  const { id } = parsePath(event, PersonPath, 'person-not-found');
  const request = parseJsonBodyAs(event, MergeRequest);
  const merged = await mergeForOrganisation(container.registry, principal!, id, request);
  // After the merge is stored: both rows are computed again (the absorbed one is deleted).
  await container.statsQueue.refresh([{ personId: id }, { personId: request.personId }]);
  return json(200, merged);
});
