import { addSecret } from '../../../core/directory/sources.ts';
import { SourceIdPath } from '../../../schemas/api/records.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('addSigningSecret', async ({ event, container, principal }) => {
  const { sourceId } = parsePath(event, SourceIdPath, 'source-not-found');
  return json(201, await addSecret(container.directory, container.clock, principal!, sourceId));
});
