import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { listDeadLetters, redriveDeadLetters } from '../../../adapters/sqs/dead-letters.ts';
import { MAX_ATTEMPTS } from '../../../core/delivery/retry-schedule.ts';
import { eventIdFor } from '../../../core/referrals/events.ts';
import { ORG_A, ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';

let api: LocalApi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let thirdKey: string;
let serviceId: string;

const headers = (key: string, more: Record<string, string> = {}) => ({
  'x-api-key': key,
  'content-type': 'application/json',
  ...more,
});
const post = (path: string, key: string, body: unknown, more: Record<string, string> = {}) =>
  api.request('POST', path, { headers: headers(key, more), body: JSON.stringify(body) });
const get = (path: string, key: string) => api.request('GET', path, { headers: headers(key) });
/** Polls until `check` holds; the queue works on its own time. */
async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const referralBody = (overrides: Record<string, unknown> = {}) => ({
  to: { serviceType: 'psychosocial' },
  child: { person: amani },
  reason: 'Enfant séparée de sa famille, détresse',
  protectionConcerns: ['separated'],
  priority: 'urgent',
  referringCaseId: 'ALPHA-2026-0042',
  consent: consentFor([ORG_B]),
  ...overrides,
});

beforeAll(async () => {
  api = await startLocalApi({ visibilityTimeoutSeconds: 2 });
  receiver = await startWebhookReceiver();
  const created = await post('/v1/admin/services', api.keys.bAdmin, serviceInput());
  expect(created.status).toBe(201);
  serviceId = created.body.id;
  const channel = await api.request('PUT', '/v1/admin/delivery-channel', {
    headers: headers(api.keys.bAdmin),
    body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
  });
  expect(channel.status).toBe(200);
  receiver.useSecret(channel.body.signingSecret);
  await api.directory.createOrganisation({ id: 'org_gamma', name: 'Gamma', kind: 'ngo', country: 'CD' });
  thirdKey = await api.issueKey('org_gamma', ['admin']);
});
afterAll(async () => {
  await receiver?.close();
  await api?.close();
});

describe('a referral from one organisation to another, over HTTP', () => {
  it('routes, checks consent, delivers a signed event without what consent excludes, and closes the loop', async () => {
    const created = await post('/v1/referrals', api.keys.aAdmin, referralBody(), { 'idempotency-key': 'alpha-1' });
    expect(created.status).toBe(201);
    const referral = created.body;
    expect(referral).toMatchObject({
      status: 'requested',
      yourSide: 'referring',
      receiving: { organisationId: ORG_B, serviceId },
      referring: { organisationId: ORG_A, caseId: 'ALPHA-2026-0042' },
      priority: 'urgent',
    });
    expect(Date.parse(referral.dueAt) - Date.parse(referral.requestedAt)).toBe(72 * 3_600_000);
    // Consent released identity, sex, age, location and caregivers; a psychosocial service needs them all,
    // but not the child's own phone (contact) nor identifiers, which consent did not release.
    expect(referral.child.categories).toEqual(['identity', 'sex', 'age', 'location', 'caregivers']);
    expect(referral.child.view.phones).toBeUndefined();
    expect(referral.child.view.identifiers).toBeUndefined();

    const [requested] = await receiver.waitFor(1);
    expect(requested).toMatchObject({ type: 'referral.requested', verified: true });
    const delivered = requested!.body.data.referral;
    expect(delivered).toMatchObject({ id: referral.id, yourSide: 'receiving' });
    expect(JSON.stringify(delivered)).not.toContain('+243998877665');
    expect(JSON.stringify(delivered)).not.toContain('KZ-2013-0417');
    expect(delivered.child.view.name).toEqual(amani.name);

    // A retry of the same POST answers the same referral and delivers nothing new to the receiver.
    const again = await post('/v1/referrals', api.keys.aAdmin, referralBody(), { 'idempotency-key': 'alpha-1' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(referral.id);

    const accepted = await post(`/v1/referrals/${referral.id}/status`, api.keys.bAdmin, {
      status: 'accepted',
      receiverCaseId: 'BETA-77',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', receiving: { caseId: 'BETA-77' } });
    const twice = await post(`/v1/referrals/${referral.id}/status`, api.keys.bAdmin, { status: 'accepted' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('referral-transition-not-allowed');
    const notYours = await post(`/v1/referrals/${referral.id}/status`, api.keys.aAdmin, {
      status: 'completed',
      feedback: { serviceProvided: 'x', outcome: 'needs-met', date: '2026-12-01' },
    });
    expect(notYours.status).toBe(409);
    expect(notYours.body.code).toBe('referral-transition-not-yours');
    const completed = await post(`/v1/referrals/${referral.id}/status`, api.keys.bAdmin, {
      status: 'completed',
      feedback: { serviceProvided: 'Quatre séances de soutien psychosocial', outcome: 'needs-met', date: '2026-12-01' },
    });
    expect(completed.status).toBe(200);

    // The referrer set no channel: both status changes wait in its inbox, in order.
    let inbox = await get('/v1/referrals/inbox', api.keys.aAdmin);
    for (let i = 0; i < 100 && inbox.body.items.filter((e: any) => e.referralId === referral.id).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      inbox = await get('/v1/referrals/inbox', api.keys.aAdmin);
    }
    const mine = inbox.body.items.filter((e: { referralId: string }) => e.referralId === referral.id);
    expect(mine.map((e: { status: string }) => e.status)).toEqual(['accepted', 'completed']);
    expect(inbox.body.nextCursor).toBeDefined();
    const resumed = await get(
      `/v1/referrals/inbox?cursor=${encodeURIComponent(inbox.body.nextCursor)}`,
      api.keys.aAdmin,
    );
    expect(resumed.body.items).toEqual([]);

    const read = await get(`/v1/referrals/${referral.id}`, api.keys.aAdmin);
    expect(read.body.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'accepted', 'completed']);
    expect(read.body.history[2].feedback.outcome).toBe('needs-met');
    expect(read.body.delivery.map((f: { fact: string }) => f.fact)).toEqual(
      expect.arrayContaining(['queued', 'delivered']),
    );
    expect(read.body.nextStatuses).toEqual([]);

    // Closed, the referral keeps its tracking for the receiver, but the child's view is gone with the grant.
    const asReceiver = await get(`/v1/referrals/${referral.id}`, api.keys.bAdmin);
    expect(asReceiver.status).toBe(200);
    expect(asReceiver.body.child).toBeUndefined();

    // A third organisation learns nothing, not even that the referral exists.
    expect((await get(`/v1/referrals/${referral.id}`, thirdKey)).status).toBe(404);
    expect(
      (await post(`/v1/referrals/${referral.id}/status`, thirdKey, { status: 'cancelled', reasonCode: 'other' }))
        .status,
    ).toBe(404);
  });

  it('revokes consent: cancels the referral, ends the grant, sends a signed purge notice, records the acknowledgement', async () => {
    const { body: referral } = await post('/v1/referrals', api.keys.aAdmin, referralBody());
    await receiver.waitFor(receiver.received.length + 1);
    expect((await post(`/v1/referrals/${referral.id}/status`, api.keys.bAdmin, { status: 'accepted' })).status).toBe(
      200,
    );
    const before = receiver.received.length;
    expect((await post(`/v1/referrals/${referral.id}/consent/revoke`, api.keys.bAdmin, {})).status).toBe(409);
    const revoked = await post(`/v1/referrals/${referral.id}/consent/revoke`, api.keys.aAdmin, {
      note: 'Retrait du consentement par la tutrice',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'cancelled', consentRevokedAt: expect.any(String) });
    expect(revoked.body.history.at(-1)).toMatchObject({ status: 'cancelled', reasonCode: 'consent-withdrawn' });
    const notices = (await receiver.waitFor(before + 1)).slice(before);
    expect(notices[0]).toMatchObject({ type: 'consent.revoked', verified: true });
    expect(notices[0]!.body.data.referral.child).toBeUndefined();
    const asReceiver = await get(`/v1/referrals/${referral.id}`, api.keys.bAdmin);
    expect(asReceiver.body.child).toBeUndefined();
    const purged = await post(`/v1/referrals/${referral.id}/consent/purged`, api.keys.bAdmin, {});
    expect(purged.status).toBe(200);
    expect(purged.body.delivery.map((f: { fact: string }) => f.fact)).toEqual(
      expect.arrayContaining(['purge-requested', 'purge-acknowledged']),
    );
    // Revoking again changes nothing.
    const again = await post(`/v1/referrals/${referral.id}/consent/revoke`, api.keys.aAdmin, {});
    expect(again.body.version).toBe(revoked.body.version);
  });

  it('retries a failed delivery on the schedule through the queue, and logs each attempt for the receiver', async () => {
    const before = receiver.received.length;
    receiver.answer(503);
    const { body: referral } = await post('/v1/referrals', api.keys.aAdmin, referralBody());
    // The first attempt gets 503; the schedule's second comes 5 s (± 10 %) later, through the queue.
    const [event] = (await receiver.waitFor(before + 1, 20_000)).slice(before);
    expect(event!.body.data.referral.id).toBe(referral.id);
    const health = await get('/v1/admin/delivery-channel', api.keys.bAdmin);
    const attempts = health.body.attempts.filter((a: { referralId: string }) => a.referralId === referral.id);
    expect(
      attempts.map((a: { attempt: number; status: number; next: string }) => [a.attempt, a.status, a.next]),
    ).toEqual([
      [2, 204, 'delivered'],
      [1, 503, 'retry'],
    ]);
    const waited = Date.parse(attempts[0].at) - Date.parse(attempts[1].at);
    expect(waited).toBeGreaterThanOrEqual(4_500);
  }, 30_000);

  it('puts an event the receiver never took in the DLQ after the last attempt, reads it undeliverable, and a redrive after recovery delivers it once', async () => {
    const { url, dlqUrl } = api.runtime.queues.referralDelivery!;
    const attemptsOf = async (referralId: string) =>
      (await get('/v1/admin/delivery-channel', api.keys.bAdmin)).body.attempts.filter(
        (a: { referralId: string }) => a.referralId === referralId,
      );
    receiver.answer(...Array<number>(MAX_ATTEMPTS).fill(503));
    const before = receiver.received.length;
    const { body: referral } = await post('/v1/referrals', api.keys.aAdmin, referralBody());
    await until(async () => (await attemptsOf(referral.id)).length === 1);
    // The schedule's attempts 2 to 12 take three days (held with a fake clock, property 110): count them as
    // made, so the queue's next receive makes the last.
    const counter = new DynamoChannelStore(api.runtime.dynamo.doc, api.runtime.tables.deliveries!);
    const eventId = eventIdFor(referral.id, 1, ORG_B);
    for (let i = 2; i < MAX_ATTEMPTS; i++) await counter.nextAttempt(ORG_B, `${eventId}#0`);
    await until(async () => (await listDeadLetters(api.runtime.sqs, dlqUrl)).length === 1, 30_000);
    const attempts = await attemptsOf(referral.id);
    expect(attempts.map((a: { attempt: number; next: string }) => [a.attempt, a.next])).toEqual([
      [MAX_ATTEMPTS, 'exhausted'],
      [1, 'retry'],
    ]);
    const [letter] = await listDeadLetters(api.runtime.sqs, dlqUrl);
    expect(letter).toMatchObject({ referralId: referral.id, referralVersion: 1, recipientOrganisationId: ORG_B });
    expect(JSON.stringify(letter)).not.toContain(amani.name.given!);
    for (const key of [api.keys.aAdmin, api.keys.bAdmin]) {
      const facts = (await get(`/v1/referrals/${referral.id}`, key)).body.delivery;
      expect(facts.map((f: { fact: string }) => f.fact)).toContain('undeliverable');
    }
    expect(receiver.received.length).toBe(before);
    // Listing takes nothing out.
    expect(await listDeadLetters(api.runtime.sqs, dlqUrl)).toHaveLength(1);
    receiver.answer();
    const moved = await redriveDeadLetters(api.runtime.sqs, dlqUrl, url);
    expect(moved.map((l) => l.referralId)).toEqual([referral.id]);
    const after = await receiver.waitFor(before + 1);
    expect(after.slice(before).map((e) => e.id)).toEqual([eventId]);
    expect(await listDeadLetters(api.runtime.sqs, dlqUrl)).toEqual([]);
    await api.runtime.drain();
    expect(receiver.received.length).toBe(before + 1);
    const facts = (await get(`/v1/referrals/${referral.id}`, api.keys.aAdmin)).body.delivery;
    // The receiver's own read, between, is a fact too.
    expect(facts.map((f: { fact: string }) => f.fact)).toEqual(['queued', 'undeliverable', 'read', 'delivered']);
  }, 60_000);

  it('drops a copy of an event that was already delivered, without sending it again', async () => {
    const before = receiver.received.length;
    const { body: referral } = await post('/v1/referrals', api.keys.aAdmin, referralBody());
    await receiver.waitFor(before + 1);
    const { url } = api.runtime.queues.referralDelivery!;
    // A spare copy, as a crash between delivering and deleting leaves one.
    await api.runtime.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify({
          type: 'referral.event',
          version: 1,
          eventId: eventIdFor(referral.id, 1, ORG_B),
          referralId: referral.id,
          referralVersion: 1,
          recipientOrganisationId: ORG_B,
        }),
        MessageGroupId: referral.id,
        MessageDeduplicationId: `spare-${referral.id}`,
      }),
    );
    await api.runtime.drain();
    expect(receiver.received.length).toBe(before + 1);
    const facts = (await get(`/v1/referrals/${referral.id}`, api.keys.aAdmin)).body.delivery;
    expect(facts.filter((f: { fact: string }) => f.fact === 'delivered')).toHaveLength(1);
  });

  it('refuses a referral without consent with 422 naming /consent, in French too', async () => {
    const res = await api.request('POST', '/v1/referrals', {
      headers: headers(api.keys.aAdmin, { 'accept-language': 'fr' }),
      body: JSON.stringify(referralBody({ consent: undefined })),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/consent']);
    expect(res.body.errors[0].detail).toMatch(/consentement/);
  });

  it('refuses a consent that does not name the receiver, or has expired, naming each field', async () => {
    const res = await post(
      '/v1/referrals',
      api.keys.aAdmin,
      referralBody({ consent: consentFor(['org_gamma'], { validUntil: '2026-01-01T00:00:00Z' }) }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/consent/recipients',
      '/consent/validUntil',
    ]);
  });

  it('answers 409 naming the criterion when no service covers where the child lives', async () => {
    const elsewhere = { ...amani, location: { country: 'CD', province: 'Ituri', territory: 'Bunia' } };
    const res = await post('/v1/referrals', api.keys.aAdmin, referralBody({ child: { person: elsewhere } }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('no-eligible-service');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/child/location']);
  });

  it('takes a consent override only from an admin key', async () => {
    const caseWorker = await api.issueKey(ORG_A, ['referrals']);
    const override = {
      basis: 'override',
      justification: 'Enfant en danger immédiat, aucun parent joignable',
      recordedBy: 'CW-017',
      categories: ['identity', 'sex', 'age'],
    };
    expect((await post('/v1/referrals', caseWorker, referralBody({ consent: override }))).status).toBe(403);
    const byAdmin = await post('/v1/referrals', api.keys.aAdmin, referralBody({ consent: override }));
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.consent.basis).toBe('override');
    expect(byAdmin.body.child.categories).toEqual(['identity', 'sex', 'age']);
  });

  it('lists sent and received referrals for each side only', async () => {
    const sent = await get('/v1/referrals?role=sent', api.keys.aAdmin);
    const received = await get('/v1/referrals?role=received', api.keys.bAdmin);
    expect(sent.body.items.length).toBeGreaterThan(0);
    expect(sent.body.items.every((r: { yourSide: string }) => r.yourSide === 'referring')).toBe(true);
    expect(received.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
      sent.body.items.map((r: { id: string }) => r.id).sort(),
    );
    expect((await get('/v1/referrals?role=sent', thirdKey)).body.items).toEqual([]);
  });
});
