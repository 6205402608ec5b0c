import { expect, it } from 'vitest';
import type { ChannelStore } from '../../../core/delivery/channels.ts';
import type { LoggedAttempt } from '../../../schemas/api/delivery-channel.ts';

const attempt = (n: number, at: string): LoggedAttempt => ({
  eventId: 'evt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  referralId: 'ref_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  referralVersion: 1,
  attempt: n,
  at,
  outcome: 'response',
  status: 503,
  durationMs: 12,
  next: 'retry',
  nextAttemptAt: '2026-12-01T10:05:00.000Z',
});

/** What every ChannelStore must do, whatever holds it. */
export function channelStoreContract(make: () => ChannelStore) {
  it('keeps one channel per organisation with its secret, replaced whole', async () => {
    const store = make();
    const org = `org_ch-${crypto.randomUUID().slice(0, 8)}`;
    expect(await store.get(org)).toBeUndefined();
    const webhook = {
      kind: 'webhook',
      organisationId: org,
      url: 'https://example.org/hook',
      events: 'thin',
      configuredAt: '2026-12-01T10:00:00.000Z',
    } as const;
    await store.put(webhook, 'whsec_c2VjcmV0');
    expect(await store.get(org)).toEqual({ channel: webhook, secret: 'whsec_c2VjcmV0' });
    await store.put({ kind: 'inbox', organisationId: org, configuredAt: '2026-12-01T11:00:00.000Z' });
    expect(await store.get(org)).toEqual({
      channel: { kind: 'inbox', organisationId: org, configuredAt: '2026-12-01T11:00:00.000Z' },
    });
  });

  it('disables and re-enables a webhook without touching the rest', async () => {
    const store = make();
    const org = `org_ch-${crypto.randomUUID().slice(0, 8)}`;
    const webhook = {
      kind: 'webhook',
      organisationId: org,
      url: 'https://example.org/hook',
      events: 'full',
      configuredAt: '2026-12-01T10:00:00.000Z',
    } as const;
    await store.put(webhook, 'whsec_c2VjcmV0');
    await store.setDisabled(org, '2026-12-01T12:00:00.000Z');
    expect((await store.get(org))?.channel).toEqual({ ...webhook, disabledSince: '2026-12-01T12:00:00.000Z' });
    await store.setDisabled(org, undefined);
    expect(await store.get(org)).toEqual({ channel: webhook, secret: 'whsec_c2VjcmV0' });
    await store.setDisabled('org_nobody-here', '2026-12-01T12:00:00.000Z');
    expect(await store.get('org_nobody-here')).toBeUndefined();
  });

  it('counts the attempts at each event apart, from 1', async () => {
    const store = make();
    const org = `org_ch-${crypto.randomUUID().slice(0, 8)}`;
    expect(await store.nextAttempt(org, 'evt_a')).toBe(1);
    expect(await store.nextAttempt(org, 'evt_a')).toBe(2);
    expect(await store.nextAttempt(org, 'evt_b')).toBe(1);
    expect(await store.nextAttempt('org_other-one', 'evt_a')).toBe(1);
  });

  it('logs attempts and reads the latest first', async () => {
    const store = make();
    const org = `org_ch-${crypto.randomUUID().slice(0, 8)}`;
    await store.logAttempt(org, attempt(1, '2026-12-01T10:00:00.000Z'));
    await store.logAttempt(org, attempt(2, '2026-12-01T10:00:05.000Z'));
    await store.logAttempt(org, attempt(3, '2026-12-01T10:05:00.000Z'));
    expect((await store.recentAttempts(org, 2)).map((a) => a.attempt)).toEqual([3, 2]);
  });
}
