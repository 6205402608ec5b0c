import type { LoggedAttempt } from '../../schemas/api/delivery-channel.ts';
import type { DeliveryFact } from '../../schemas/canonical/referral.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import type { ChannelStore } from './channels.ts';

/** What an attempt that settles its event (delivered, or given up on) leaves on the referral. */
export interface SettledEvent {
  referralId: string;
  fact: DeliveryFact;
}

/**
 * Writes what one webhook attempt leaves behind: its line in the recipient's delivery log and, when it
 * settles the event, the referral's delivery fact. The DynamoDB recorder writes both in one request
 * (adapters/dynamodb/attempt-recorder.ts); any two stores can write them in turn (`recordInTurn`). Should
 * the fact not be written (a crash, an error), the event is not settled: its message comes back and it
 * is sent again, which the receiver, deduplicating on the event id, takes once.
 */
export interface AttemptRecorder {
  record(organisationId: string, attempt: LoggedAttempt, settled?: SettledEvent): Promise<void>;
}

/** The log line, then the fact: two writes, for stores that cannot share one. */
export const recordInTurn = (
  channels: Pick<ChannelStore, 'logAttempt'>,
  referrals: Pick<ReferralStore, 'addFact'>,
): AttemptRecorder => ({
  async record(organisationId, attempt, settled) {
    await channels.logAttempt(organisationId, attempt);
    if (settled) await referrals.addFact(settled.referralId, settled.fact);
  },
});
