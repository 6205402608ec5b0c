import { removeSecret } from '../../../core/directory/sources.ts';
import { SecretPath } from '../../../schemas/api/directory.ts';
import { noContent, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('removeSigningSecret', async ({ event, container, principal }) => {
  const { sourceId, secretId } = parsePath(event, SecretPath, 'secret-not-found');
  await removeSecret(container.directory, principal!, sourceId, secretId);
  return noContent();
});
