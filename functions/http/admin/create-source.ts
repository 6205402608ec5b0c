import { createSource } from '../../../core/directory/sources.ts';
import { CreateSourceRequest } from '../../../schemas/api/directory.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('createSource', async ({ event, container, principal }) =>
  json(
    201,
    await createSource(container.directory, container.clock, principal!, parseJsonBodyAs(event, CreateSourceRequest)),
  ),
);
