import { forgettingAround, readThrough } from '../cache/read-through.ts';
import type { Clock } from '../ports.ts';
import type { ChannelStore } from './channels.ts';

/** How long a delivery function trusts a channel it read: the lag of a change made by another function. */
export const CHANNEL_CACHE_SECONDS = 10;

/**
 * Reads each organisation's channel at most once every CHANNEL_CACHE_SECONDS, saving the delivery path a
 * read per event. Changes made through this store are seen at once; a change made by another function
 * (on AWS, the admin route's Lambda) is seen within the lag. That is safe: the URL is checked against
 * private addresses again at every delivery, after DNS, and a secret rotated meanwhile only makes the
 * receiver refuse a delivery, which is retried. Nothing else is cached.
 */
export function cachedChannels(store: ChannelStore, clock: Clock, seconds = CHANNEL_CACHE_SECONDS): ChannelStore {
  const cache = readThrough<Awaited<ReturnType<ChannelStore['get']>>>(clock, seconds);
  const writing = (organisationId: string, write: () => Promise<void>) =>
    forgettingAround(() => cache.forget(organisationId), write);
  return {
    get: (organisationId) => cache.get(organisationId, () => store.get(organisationId)),
    put: (channel, secret) => writing(channel.organisationId, () => store.put(channel, secret)),
    setDisabled: (organisationId, since) => writing(organisationId, () => store.setDisabled(organisationId, since)),
    logAttempt: (organisationId, attempt) => store.logAttempt(organisationId, attempt),
    nextAttempt: (organisationId, eventId) => store.nextAttempt(organisationId, eventId),
    recentAttempts: (organisationId, limit) => store.recentAttempts(organisationId, limit),
  };
}
