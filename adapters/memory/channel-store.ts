import type { ChannelStore } from '../../core/delivery/channels.ts';
import type { DeliveryChannel, LoggedAttempt } from '../../schemas/api/delivery-channel.ts';

/** Delivery channels in process memory, for unit tests. */
export class MemoryChannelStore implements ChannelStore {
  private readonly channels = new Map<string, { channel: DeliveryChannel; secret?: string }>();
  private readonly attempts = new Map<string, LoggedAttempt[]>();
  private readonly counts = new Map<string, number>();

  async nextAttempt(organisationId: string, eventId: string) {
    const key = `${organisationId}\u0000${eventId}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }

  async get(organisationId: string) {
    const found = this.channels.get(organisationId);
    return found ? structuredClone(found) : undefined;
  }

  async put(channel: DeliveryChannel, secret?: string) {
    this.channels.set(channel.organisationId, structuredClone(secret ? { channel, secret } : { channel }));
  }

  async setDisabled(organisationId: string, since: string | undefined) {
    const found = this.channels.get(organisationId);
    if (found?.channel.kind !== 'webhook') return;
    const { disabledSince: _was, ...rest } = found.channel;
    found.channel = since ? { ...rest, disabledSince: since } : rest;
  }

  async logAttempt(organisationId: string, attempt: LoggedAttempt) {
    this.attempts.set(organisationId, [...(this.attempts.get(organisationId) ?? []), structuredClone(attempt)]);
  }

  async recentAttempts(organisationId: string, limit: number) {
    return [...(this.attempts.get(organisationId) ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }
}
