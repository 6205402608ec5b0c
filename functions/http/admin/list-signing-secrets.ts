import { ownSource } from '../../../core/directory/sources.ts';
import { SourceIdPath } from '../../../schemas/api/records.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listSigningSecrets', async ({ event, container, principal }) => {
  const { sourceId } = parsePath(event, SourceIdPath, 'source-not-found');
  const source = await ownSource(container.directory, principal!, sourceId);
  return json(200, { items: await container.directory.listSigningSecrets(source.id) });
});
