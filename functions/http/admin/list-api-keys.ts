import { listApiKeys } from '../../../core/directory/api-keys.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listApiKeys', async ({ container, principal }) =>
  json(200, await listApiKeys(container.directory, principal!)),
);
