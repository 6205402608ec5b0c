import type { DeliveryChannel, LoggedAttempt } from '../../schemas/api/delivery-channel.ts';

/**
 * Each organisation's delivery channel, its signing secret (whsec_…, one per organisation, so a
 * receiver can verify Relais but never sign as Relais towards another), and its delivery log.
 */
export interface ChannelStore {
  get(organisationId: string): Promise<{ channel: DeliveryChannel; secret?: string } | undefined>;
  put(channel: DeliveryChannel, secret?: string): Promise<void>;
  /** Sets or clears `disabledSince`, keeping everything else. */
  setDisabled(organisationId: string, since: string | undefined): Promise<void>;
  logAttempt(organisationId: string, attempt: LoggedAttempt): Promise<void>;
  /**
   * Counts one more attempt at delivering an event and answers its number (1 for the first): kept in the
   * store, so neither a redelivered message nor a restart of the local queue miscounts the schedule.
   */
  nextAttempt(organisationId: string, eventId: string): Promise<number>;
  /** The latest attempts first. */
  recentAttempts(organisationId: string, limit: number): Promise<LoggedAttempt[]>;
}
