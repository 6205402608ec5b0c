import { createMappingVersion } from '../../../core/mapping/admin.ts';
import { SourceIdPath } from '../../../schemas/api/records.ts';
import { json, parsePath, parseYamlOrJsonBody } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('createMappingVersion', async ({ event, container, principal }) => {
  const { sourceId } = parsePath(event, SourceIdPath, 'source-not-found');
  const { created, version } = await createMappingVersion(container, principal!, sourceId, parseYamlOrJsonBody(event));
  return json(created ? 201 : 200, version);
});
