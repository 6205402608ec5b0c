import { randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Clock } from '../ports.ts';
import type { ChannelRequest, DeliveryChannel } from '../../schemas/api/delivery-channel.ts';
import type { ChannelStore } from './channels.ts';
import { vetOutboundUrl } from './outbound-url.ts';
import type { Resolver } from './ports.ts';

export interface ChannelDeps {
  channels: ChannelStore;
  resolver: Resolver;
  clock: Clock;
  allowHttpLoopback: boolean;
}

/**
 * Sets the caller's delivery channel. A webhook URL is vetted now (https, public addresses after DNS
 * resolution) and again at every delivery. The first webhook gets a signing secret, shown once; changing
 * the URL keeps it, so the receiver need not change anything.
 */
export async function configureChannel(
  deps: ChannelDeps,
  admin: Principal,
  request: ChannelRequest,
): Promise<{ channel: DeliveryChannel; signingSecret?: string }> {
  const configuredAt = deps.clock.now().toISOString();
  const organisationId = admin.organisationId;
  if (request.kind === 'inbox') {
    const previous = await deps.channels.get(organisationId);
    const channel: DeliveryChannel = { kind: 'inbox', organisationId, configuredAt };
    await deps.channels.put(channel, previous?.secret);
    return { channel };
  }
  const vetted = await vetOutboundUrl(request.url, deps.resolver, {
    allowHttpLoopback: deps.allowHttpLoopback,
    pointer: '/url',
  });
  if (!vetted.ok) throw new RelaisError('validation', 'invalid-document', vetted.issues);
  const previous = await deps.channels.get(organisationId);
  const secret = previous?.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
  const channel: DeliveryChannel = {
    kind: 'webhook',
    organisationId,
    url: request.url,
    events: request.events,
    ...(request.changes ? { changes: [...new Set(request.changes)] } : {}),
    configuredAt,
  };
  await deps.channels.put(channel, secret);
  return previous?.secret ? { channel } : { channel, signingSecret: secret };
}

/** The caller's channel and its last attempts; an organisation that set none receives in its inbox. */
export async function channelHealth(deps: Pick<ChannelDeps, 'channels'>, admin: Principal) {
  const found = await deps.channels.get(admin.organisationId);
  const channel: DeliveryChannel = found?.channel ?? {
    kind: 'inbox',
    organisationId: admin.organisationId,
    configuredAt: '1970-01-01T00:00:00.000Z',
  };
  return { channel, attempts: await deps.channels.recentAttempts(admin.organisationId, 50) };
}

/** Re-enables a webhook disabled after a 410: deliveries still on their schedule go through again. */
export async function enableChannel(deps: Pick<ChannelDeps, 'channels'>, admin: Principal) {
  await deps.channels.setDisabled(admin.organisationId, undefined);
  return channelHealth(deps, admin);
}
