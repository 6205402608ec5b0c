import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { describe, expect, it } from 'vitest';
import { MemoryChannelStore } from '../../../../adapters/memory/channel-store.ts';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import {
  type DeliveryDeps,
  UNSTORED_CHANGE_WAIT_SECONDS,
  type WebhookSend,
  deliverEvent,
} from '../../../../core/delivery/deliver-event.ts';
import { DELIVERY_SCHEDULE_SECONDS, MAX_ATTEMPTS } from '../../../../core/delivery/retry-schedule.ts';
import { eventIdFor, eventOf } from '../../../../core/referrals/events.ts';
import type { Referral } from '../../../../schemas/canonical/referral.ts';
import { amani, storedReferral } from '../../../fixtures/referrals/referrals.ts';
import { recordInTurn } from '../../../../core/delivery/attempt-recorder.ts';
import { SEAL_AFTER_MS, readFeed } from '../../../../core/changes/feed.ts';

const webhook = (events: 'full' | 'thin' = 'full') =>
  ({
    kind: 'webhook',
    organisationId: 'org_divas',
    url: 'https://divas.example.org/hook',
    events,
    configuredAt: '2026-12-01T09:00:00.000Z',
  }) as const;

function setup(answers: Array<Awaited<ReturnType<WebhookSend>>> = []) {
  const referrals = new MemoryReferralStore();
  const channels = new MemoryChannelStore();
  const sent: Array<Parameters<WebhookSend>[0]> = [];
  let now = new Date('2026-12-01T10:05:00.000Z');
  const deps: DeliveryDeps = {
    referrals,
    channels,
    attempts: recordInTurn(channels, referrals),
    clock: { now: () => now },
    random: () => 0.5,
    changes: new MemoryChangeStore(),
    send: async (request) => {
      sent.push(request);
      return answers.shift() ?? { kind: 'response', status: 204, durationMs: 3 };
    },
  };
  return {
    deps,
    referrals,
    channels,
    sent,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
  };
}

async function stored(referrals: MemoryReferralStore, overrides: Partial<Referral> = {}) {
  const referral = storedReferral({
    child: {
      view: { name: amani.name, sex: 'female', birthDate: amani.birthDate },
      categories: ['identity', 'sex', 'age'],
    },
    ...overrides,
  });
  await referrals.create(referral);
  const event = eventOf(referral, 1);
  return {
    referral,
    message: {
      type: 'referral.event',
      version: 1,
      eventId: event.id,
      referralId: referral.id,
      referralVersion: 1,
      recipientOrganisationId: event.recipientOrganisationId,
    } as const,
  };
}

describe('delivering a referral event', () => {
  it('puts it in the inbox of an organisation with no channel, once however often it comes', async () => {
    const { deps, referrals } = setup();
    const { message, referral } = await stored(referrals);
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'done' });
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'done' });
    expect((await referrals.inbox('org_divas', undefined, 10)).items.map((e) => e.referralId)).toEqual([referral.id]);
    expect((await referrals.get(referral.id))?.delivery.map((f) => [f.fact, f.channel])).toContainEqual([
      'delivered',
      'inbox',
    ]);
  });

  it('posts the referral as the receiver may see it, signed with its secret under the event id', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: webhook().url, secret: 'whsec_c2VjcmV0c2VjcmV0', messageId: message.eventId });
    const body = JSON.parse(sent[0]!.body);
    expect(body.type).toBe('referral.requested');
    expect(body.data.referral).toMatchObject({ id: referral.id, yourSide: 'receiving' });
    expect(Object.keys(body.data.referral.child.view).sort()).toEqual(['birthDate', 'name', 'sex']);
    expect(body.data.referral.requestHash).toBeUndefined();
  });

  it('sends ids only to an organisation that chose thin events: no child data in the webhook', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put(webhook('thin'), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    await deliverEvent(deps, message);
    const body = JSON.parse(sent[0]!.body);
    expect(body.data).toEqual({ eventId: message.eventId, referralId: referral.id, version: 1 });
    expect(sent[0]!.body).not.toContain('Amani');
  });

  it('leaves the child out of a late event once the grant has ended (the referral was cancelled)', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    await referrals.change(referral.id, 1, {
      version: 2,
      status: 'cancelled',
      reasonCode: 'referred-in-error',
      at: '2026-12-01T10:04:00.000Z',
      byOrganisationId: 'org_espoir',
      side: 'referring',
    });
    await deliverEvent(deps, message);
    expect(JSON.parse(sent[0]!.body).data.referral.child).toBeUndefined();
    expect(sent[0]!.body).not.toContain('Amani');
  });

  it('retries on the schedule, logs every attempt, and is undeliverable after the last one', async () => {
    const failing = Array.from(
      { length: MAX_ATTEMPTS },
      () => ({ kind: 'response', status: 503, durationMs: 2 }) as const,
    );
    const { deps, referrals, channels, advance } = setup([...failing]);
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const result = await deliverEvent(deps, message);
      expect(result.kind).toBe('retry');
      if (result.kind === 'retry') {
        delays.push(result.delaySeconds);
        advance(result.delaySeconds);
      }
    }
    // With random 0.5 the jitter factor is 1: the waits are the schedule's own.
    expect(delays).toEqual(DELIVERY_SCHEDULE_SECONDS.slice(1));
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'dead' });
    // Received again on its way to the DLQ, it is not tried again.
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'dead' });
    const log = await channels.recentAttempts('org_divas', 50);
    expect(log).toHaveLength(MAX_ATTEMPTS);
    expect(log[0]).toMatchObject({ attempt: MAX_ATTEMPTS, status: 503, next: 'exhausted' });
    const facts = (await referrals.get(referral.id))?.delivery.map((f) => f.fact);
    expect(facts?.filter((f) => f === 'undeliverable')).toHaveLength(1);
  });

  it('is undeliverable, once, when its last attempts ended in crashes that recorded nothing', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    // Every scheduled attempt used up by a function that was killed mid-way: counted, never logged.
    for (let i = 0; i < MAX_ATTEMPTS; i++) await channels.nextAttempt('org_divas', `${message.eventId}#0`);
    const receipt = { receives: MAX_ATTEMPTS + 1 };
    expect(await deliverEvent(deps, message, receipt)).toEqual({ kind: 'dead' });
    expect(await deliverEvent(deps, message, { receives: MAX_ATTEMPTS + 2 })).toEqual({ kind: 'dead' });
    expect(sent).toEqual([]);
    const facts = (await referrals.get(referral.id))!.delivery;
    expect(facts.filter((f) => f.fact === 'undeliverable')).toEqual([
      expect.objectContaining({ version: 1, toOrganisationId: 'org_divas', channel: 'webhook' }),
    ]);
  });

  it('disables the endpoint on 410 and stops calling it, until re-enabled', async () => {
    const { deps, referrals, channels, sent } = setup([{ kind: 'response', status: 410, durationMs: 2 }]);
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message } = await stored(referrals);
    expect((await deliverEvent(deps, message)).kind).toBe('retry');
    expect((await channels.get('org_divas'))?.channel).toMatchObject({ disabledSince: '2026-12-01T10:05:00.000Z' });
    expect((await deliverEvent(deps, message)).kind).toBe('retry');
    expect(sent).toHaveLength(1);
    await channels.setDisabled('org_divas', undefined);
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(2);
  });

  it('holds an event back, without trying it, while an earlier one to the same recipient is undelivered', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put({ ...webhook(), organisationId: 'org_espoir' }, 'whsec_c2VjcmV0c2VjcmV0');
    const { referral } = await stored(referrals);
    const entry = (version: number, status: 'accepted' | 'in-progress') => ({
      version,
      status,
      at: '2026-12-01T10:04:00.000Z',
      byOrganisationId: 'org_divas',
      side: 'receiving' as const,
    });
    await referrals.change(referral.id, 1, entry(2, 'accepted'));
    const changed = (await referrals.change(referral.id, 2, entry(3, 'in-progress'))) as Referral;
    const messageFor = (version: number) => ({
      type: 'referral.event' as const,
      version: 1 as const,
      eventId: eventOf(changed, version).id,
      referralId: referral.id,
      referralVersion: version,
      recipientOrganisationId: 'org_espoir',
    });
    // Version 3 to Espoir waits for version 2 to Espoir; version 1 went to DIVAS and does not hold it back.
    expect(await deliverEvent(deps, messageFor(3))).toEqual({ kind: 'retry', delaySeconds: 2 });
    expect(sent).toHaveLength(0);
    expect(await channels.recentAttempts('org_espoir', 10)).toEqual([]);
    expect(await deliverEvent(deps, messageFor(2))).toEqual({ kind: 'done' });
    expect(await deliverEvent(deps, messageFor(3))).toEqual({ kind: 'done' });
    expect(sent.map((r) => JSON.parse(r.body).data.event.version)).toEqual([2, 3]);
  });

  it('does not send an event again once it is delivered: a spare copy of its message is done at once', async () => {
    const { deps, referrals, channels, sent } = setup();
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message } = await stored(referrals);
    expect(await deliverEvent(deps, message, { receives: 1 })).toEqual({ kind: 'done' });
    expect(await deliverEvent(deps, message, { receives: 1 })).toEqual({ kind: 'done' });
    expect(await deliverEvent(deps, { ...message, series: 1 }, { receives: 3 })).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(1);
    expect(await channels.recentAttempts('org_divas', 10)).toHaveLength(1);
  });

  it('counts a first receive only when it fails, and every later receive before it sends', async () => {
    const { deps, referrals, channels, advance } = setup([{ kind: 'response', status: 503, durationMs: 2 }]);
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message } = await stored(referrals);
    const counted: string[] = [];
    const count = channels.nextAttempt.bind(channels);
    channels.nextAttempt = (org, key) => (counted.push(key), count(org, key));
    expect((await deliverEvent(deps, message, { receives: 1 })).kind).toBe('retry');
    expect(counted).toHaveLength(1);
    advance(5);
    expect(await deliverEvent(deps, message, { receives: 2 })).toEqual({ kind: 'done' });
    expect(counted).toHaveLength(2);
    const log = await channels.recentAttempts('org_divas', 10);
    expect(log.map((a) => [a.attempt, a.next])).toEqual([
      [2, 'delivered'],
      [1, 'retry'],
    ]);
    // A message delivered at its first receive writes no counter at all.
    const other = await stored(referrals);
    expect(await deliverEvent(deps, other.message, { receives: 1 })).toEqual({ kind: 'done' });
    expect(counted).toHaveLength(2);
  });

  it('waits for a change whose message came before its write, and drops it once the write has clearly failed', async () => {
    const { deps, referrals, channels, sent, advance } = setup();
    await channels.put({ ...webhook(), organisationId: 'org_espoir' }, 'whsec_c2VjcmV0c2VjcmV0');
    const { referral, message } = await stored(referrals);
    const early = { ...message, referralVersion: 2, eventId: eventOf(referral, 1).id };
    const sentAt = new Date('2026-12-01T10:05:00.000Z');
    expect(await deliverEvent(deps, early, { receives: 1, sentAt })).toEqual({ kind: 'retry', delaySeconds: 1 });
    advance(5);
    expect(await deliverEvent(deps, early, { receives: 2, sentAt })).toEqual({ kind: 'retry', delaySeconds: 15 });
    advance(UNSTORED_CHANGE_WAIT_SECONDS - 5);
    expect(await deliverEvent(deps, early, { receives: 9, sentAt })).toEqual({
      kind: 'dropped',
      why: 'change-not-stored',
    });
    // A referral that was never stored at all, likewise.
    const none = { ...message, referralId: 'ref_cccccccccccccccccccccccccc' };
    expect(await deliverEvent(deps, none, { receives: 9, sentAt })).toEqual({
      kind: 'dropped',
      why: 'change-not-stored',
    });
    expect(sent).toEqual([]);
  });

  it('drops the message of a change that lost its race for a version to the other side', async () => {
    const { deps, referrals, sent } = setup();
    const { referral, message } = await stored(referrals);
    // Version 2 is DIVAS's acceptance, for Espoir; a message for a version 2 to DIVAS was Espoir's lost cancellation.
    await referrals.change(referral.id, 1, {
      version: 2,
      status: 'accepted',
      at: '2026-12-01T10:04:00.000Z',
      byOrganisationId: 'org_divas',
      side: 'receiving',
    });
    const lost = { ...message, referralVersion: 2, eventId: eventIdFor(referral.id, 2, 'org_divas') };
    expect(await deliverEvent(deps, lost, { receives: 1 })).toEqual({ kind: 'dropped', why: 'superseded' });
    expect(sent).toEqual([]);
  });
});

describe('the change feed, written by the delivery function', () => {
  const feedOf = async (deps: DeliveryDeps, organisationId: string) =>
    (await readFeed({ changes: deps.changes, clock: deps.clock }, organisationId, 0, 100)).entries.map((e) => [
      e.change.type,
      'referralVersion' in e.change ? e.change.referralVersion : undefined,
    ]);

  it('tells both parties of a stored change and of its delivery, once however often the message comes', async () => {
    const { deps, referrals } = setup();
    const { message } = await stored(referrals);
    await deliverEvent(deps, message);
    await deliverEvent(deps, message);
    for (const party of ['org_espoir', 'org_divas'])
      expect(await feedOf(deps, party)).toEqual([
        ['referral.status-changed', 1],
        ['referral.delivered', 1],
      ]);
    expect(await feedOf(deps, 'org_other')).toEqual([]);
  });

  it('appends the delivery of a function that died after recording it, when the message comes again', async () => {
    const { deps, referrals, advance } = setup();
    const { message } = await stored(referrals);
    const real = deps.changes;
    let dies = true;
    // The first run dies as it appends the delivered entry, after the fact was recorded.
    deps.changes = {
      ...real,
      allocate: (f) => real.allocate(f),
      claim: async (f, e) => {
        if (dies && e.kind === 'change' && e.change.type === 'referral.delivered') throw new Error('killed');
        return real.claim(f, e);
      },
      entriesAfter: (f, a, l) => real.entriesAfter(f, a, l),
      hasMarker: (f, k) => real.hasMarker(f, k),
      putMarker: (f, k, x) => real.putMarker(f, k, x),
    };
    await expect(deliverEvent(deps, message)).rejects.toThrow('killed');
    dies = false;
    expect(await deliverEvent(deps, message)).toEqual({ kind: 'done' });
    // The dead attempt left a hole at the number it took: readers pass it once it is old enough to seal.
    advance(SEAL_AFTER_MS / 1000 + 1);
    expect((await feedOf(deps, 'org_espoir')).filter(([t]) => t === 'referral.delivered')).toHaveLength(1);
  });

  it('tells both parties an event is undeliverable after its last attempt, and appends nothing for an unstored change', async () => {
    const failing = Array.from(
      { length: MAX_ATTEMPTS },
      () => ({ kind: 'response', status: 503, durationMs: 2 }) as const,
    );
    const { deps, referrals, channels, advance } = setup([...failing]);
    await channels.put(webhook(), 'whsec_c2VjcmV0c2VjcmV0');
    const { message, referral } = await stored(referrals);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliverEvent(deps, message);
      if (result.kind === 'retry') advance(result.delaySeconds);
    }
    expect(await feedOf(deps, 'org_divas')).toEqual([
      ['referral.status-changed', 1],
      ['referral.undeliverable', 1],
    ]);
    // A message naming a version that was never stored (its write failed) is no change.
    const unstored = { ...message, referralVersion: 2, eventId: eventIdFor(referral.id, 2, 'org_espoir') };
    await deliverEvent(deps, unstored);
    expect(await feedOf(deps, 'org_espoir')).toHaveLength(2);
  });
});
