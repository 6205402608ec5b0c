import { channelHealth } from '../../../core/delivery/configure.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('getDeliveryChannel', async ({ container, principal }) =>
  json(200, await channelHealth(container.channelDeps, principal!)),
);
