import { expect, it } from 'vitest';
import type { AttemptRecorder } from '../../../core/delivery/attempt-recorder.ts';
import type { ChannelStore } from '../../../core/delivery/channels.ts';
import type { ReferralStore } from '../../../core/referrals/ports.ts';
import type { LoggedAttempt } from '../../../schemas/api/delivery-channel.ts';
import { storedReferral } from '../../fixtures/referrals/referrals.ts';

export interface RecorderSetup {
  recorder: AttemptRecorder;
  /** The stores the recorder writes to, to read back what it wrote. */
  channels: ChannelStore;
  referrals: ReferralStore;
}

const attempt = (referralId: string, n: number, next: LoggedAttempt['next']): LoggedAttempt => ({
  eventId: 'evt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  referralId,
  referralVersion: 1,
  attempt: n,
  at: `2026-12-01T10:0${n}:00.000Z`,
  outcome: 'response',
  status: next === 'delivered' ? 204 : 503,
  durationMs: 12,
  next,
  ...(next === 'retry' ? { nextAttemptAt: '2026-12-01T10:30:00.000Z' } : {}),
});

/** What every AttemptRecorder must do, whatever stores it writes to. */
export function attemptRecorderContract(make: () => RecorderSetup) {
  it('logs an attempt that settles nothing on the endpoint only, and leaves the referral as it was', async () => {
    const { recorder, channels, referrals } = make();
    const org = `org_rec-${crypto.randomUUID().slice(0, 8)}`;
    const referral = storedReferral();
    await referrals.create(referral);
    await recorder.record(org, attempt(referral.id, 1, 'retry'));
    expect(await channels.recentAttempts(org, 10)).toEqual([attempt(referral.id, 1, 'retry')]);
    expect((await referrals.get(referral.id))?.delivery).toEqual(referral.delivery);
  });

  it('logs the attempt that settles an event and records its fact on the referral, both', async () => {
    const { recorder, channels, referrals } = make();
    const org = `org_rec-${crypto.randomUUID().slice(0, 8)}`;
    const referral = storedReferral();
    await referrals.create(referral);
    const fact = {
      fact: 'delivered',
      at: '2026-12-01T10:02:00.100Z',
      toOrganisationId: org,
      version: 1,
      channel: 'webhook',
    } as const;
    await recorder.record(org, attempt(referral.id, 1, 'retry'));
    await recorder.record(org, attempt(referral.id, 2, 'delivered'), { referralId: referral.id, fact });
    expect((await channels.recentAttempts(org, 10)).map((a) => a.attempt)).toEqual([2, 1]);
    expect((await referrals.get(referral.id))?.delivery).toEqual([...referral.delivery, fact]);
  });
}
