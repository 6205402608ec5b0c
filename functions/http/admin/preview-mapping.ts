import { previewMapping } from '../../../core/mapping/admin.ts';
import { PreviewRequest } from '../../../schemas/api/mappings.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('previewMapping', async ({ event }) => {
  const { mapping, samples } = parseJsonBodyAs(event, PreviewRequest);
  return json(200, previewMapping(mapping, samples));
});
