import { splitForOrganisation } from '../../../core/persons/scoped-registry.ts';
import { PersonPath, SplitRequest } from '../../../schemas/api/persons.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('splitPerson', async ({ event, container, principal }) => {
  const { id } = parsePath(event, PersonPath, 'person-not-found');
  const split = await splitForOrganisation(container.registry, principal!, id, parseJsonBodyAs(event, SplitRequest));
  // After the split is stored: the person left and the new one are both computed again.
  await container.statsQueue.refresh([{ personId: id }, { personId: split.id }]);
  return json(201, split);
});
