import { createApiKey } from '../../../core/directory/api-keys.ts';
import { CreateApiKeyRequest } from '../../../schemas/api/directory.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('createApiKey', async ({ event, container, principal }) =>
  json(
    201,
    await createApiKey(container.directory, container.clock, principal!, parseJsonBodyAs(event, CreateApiKeyRequest)),
  ),
);
