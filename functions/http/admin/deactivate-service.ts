import { deactivateService } from '../../../core/services/manage.ts';
import { ServicePath } from '../../../schemas/api/services.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('deactivateService', async ({ event, container, principal }) => {
  const { serviceId } = parsePath(event, ServicePath, 'service-not-found');
  return json(200, await deactivateService(container.services, container.clock, principal!, serviceId));
});
