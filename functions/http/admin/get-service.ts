import { ownService } from '../../../core/services/manage.ts';
import { ServicePath } from '../../../schemas/api/services.ts';
import { json, parsePath } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('getService', async ({ event, container, principal }) => {
  const { serviceId } = parsePath(event, ServicePath, 'service-not-found');
  return json(200, await ownService(container.services, principal!, serviceId));
});
