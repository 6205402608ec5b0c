import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listSources', async ({ container, principal }) =>
  json(200, { items: await container.directory.listSources(principal!.organisationId) }),
);
