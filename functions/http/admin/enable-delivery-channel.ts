import { enableChannel } from '../../../core/delivery/configure.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('enableDeliveryChannel', async ({ container, principal }) =>
  json(200, await enableChannel(container.channelDeps, principal!)),
);
