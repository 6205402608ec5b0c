import { createService } from '../../../core/services/manage.ts';
import { CreateServiceRequest } from '../../../schemas/api/services.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('createService', async ({ event, container, principal }) =>
  json(
    201,
    await createService(container.services, container.clock, principal!, parseJsonBodyAs(event, CreateServiceRequest)),
  ),
);
