import { getMappingVersion } from '../../../core/mapping/admin.ts';
import { MappingVersionPath } from '../../../schemas/api/mappings.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('getMappingVersion', async ({ event, container, principal }) => {
  const { sourceId, version } = parsePath(event, MappingVersionPath, 'mapping-version-not-found');
  return json(200, await getMappingVersion(container, principal!, sourceId, version));
});
