import { revokeApiKey } from '../../../core/directory/api-keys.ts';
import { KeyPath } from '../../../schemas/api/directory.ts';
import { noContent, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('revokeApiKey', async ({ event, container, principal }) => {
  const { keyId } = parsePath(event, KeyPath, 'key-not-found');
  await revokeApiKey(container.directory, container.clock, principal!, keyId);
  return noContent();
});
