import { configureChannel } from '../../../core/delivery/configure.ts';
import { ChannelRequest } from '../../../schemas/api/delivery-channel.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('configureDeliveryChannel', async ({ event, container, principal }) =>
  json(200, await configureChannel(container.channelDeps, principal!, parseJsonBodyAs(event, ChannelRequest))),
);
