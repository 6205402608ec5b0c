import { updateService } from '../../../core/services/manage.ts';
import { ServicePath, UpdateServiceRequest } from '../../../schemas/api/services.ts';
import { json, parseJsonBodyAs, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('updateService', async ({ event, container, principal }) => {
  const { serviceId } = parsePath(event, ServicePath, 'service-not-found');
  const input = parseJsonBodyAs(event, UpdateServiceRequest);
  return json(200, await updateService(container.services, container.clock, principal!, serviceId, input));
});
