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
  const cache = new Map<string, { until: number; value: Awaited<ReturnType<ChannelStore['get']>> }>();
  return {
    async get(organisationId) {
      const now = clock.now().getTime();
      const hit = cache.get(organisationId);
      if (hit && hit.until > now) return hit.value && structuredClone(hit.value);
      const value = await store.get(organisationId);
      cache.set(organisationId, { until: now + seconds * 1000, value });
      return value && structuredClone(value);
    },
    async put(channel, secret) {
      cache.delete(channel.organisationId);
      await store.put(channel, secret);
      cache.delete(channel.organisationId);
    },
    async setDisabled(organisationId, since) {
      cache.delete(organisationId);
      await store.setDisabled(organisationId, since);
      cache.delete(organisationId);
    },
    logAttempt: (organisationId, attempt) => store.logAttempt(organisationId, attempt),
    nextAttempt: (organisationId, eventId) => store.nextAttempt(organisationId, eventId),
    recentAttempts: (organisationId, limit) => store.recentAttempts(organisationId, limit),
  };
}
