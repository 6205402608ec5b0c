import { listSourceSamples } from '../../../core/mapping/source-samples.ts';
import { SourceIdPath } from '../../../schemas/api/records.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listSourceSamples', async ({ event, container, principal }) => {
  const { sourceId } = parsePath(event, SourceIdPath, 'source-not-found');
  return json(200, await listSourceSamples(container, principal!, sourceId));
});
