import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';

let api: LocalApi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let serviceId: string;

const FORM = 'ALPHA-CF-2026-0042';

const post = (path: string, key: string, body: unknown) =>
  api.request('POST', path, {
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string, key: string) => api.request('GET', path, { headers: { 'x-api-key': key } });

const referralUnder = (reference: unknown) => ({
  to: { serviceId },
  child: { person: amani },
  reason: 'Enfant séparée de sa famille, détresse',
  priority: 'urgent',
  consent: consentFor([ORG_B], { reference } as never),
});

beforeAll(async () => {
  api = await startLocalApi();
  receiver = await startWebhookReceiver();
  const created = await post('/v1/admin/services', api.keys.bAdmin, serviceInput());
  serviceId = created.body.id;
  const channel = await api.request('PUT', '/v1/admin/delivery-channel', {
    headers: { 'x-api-key': api.keys.bAdmin, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
  });
  expect(channel.status).toBe(200);
  receiver.useSecret(channel.body.signingSecret);
});
afterAll(async () => {
  await receiver?.close();
  await api?.close();
});

describe("revoking consent on the child's consent record, over HTTP", () => {
  it('sends the receiver a signed consent.revoked for each referral made under it, then shows it no child, and takes no new referral under it', async () => {
    const made = [];
    for (const reference of [FORM, FORM, 'ALPHA-CF-2026-0043']) {
      const res = await post('/v1/referrals', api.keys.aAdmin, referralUnder(reference));
      expect(res.status).toBe(201);
      expect(res.body.consent.reference).toBe(reference);
      made.push(res.body.id as string);
    }
    const [first, second, otherForm] = made as [string, string, string];
    await receiver.waitFor(3);
    expect((await post(`/v1/referrals/${second}/status`, api.keys.bAdmin, { status: 'accepted' })).status).toBe(200);
    const before = receiver.received.length;

    const revoked = await post(`/v1/consents/${FORM}/revoke`, api.keys.aAdmin, { note: 'Retrait par la tutrice' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.reference).toBe(FORM);
    expect(revoked.body.referrals).toHaveLength(2);
    expect(revoked.body.referrals).toEqual(
      expect.arrayContaining([first, second].map((id) => ({ id, status: 'cancelled', revokedAt: expect.any(String) }))),
    );

    const notices = (await receiver.waitFor(before + 2)).slice(before);
    expect(notices.map((n) => [n.type, n.verified]).sort()).toEqual([
      ['consent.revoked', true],
      ['consent.revoked', true],
    ]);
    expect(notices.map((n) => n.body.data.referral.id).sort()).toEqual([first, second].sort());
    for (const notice of notices) expect(notice.body.data.referral.child).toBeUndefined();
    for (const id of [first, second]) {
      const asReceiver = await get(`/v1/referrals/${id}`, api.keys.bAdmin);
      expect(asReceiver.body).toMatchObject({ status: 'cancelled', consentRevokedAt: expect.any(String) });
      expect(asReceiver.body.child).toBeUndefined();
    }
    // The referral made under another form keeps its child for the receiver.
    const untouched = await get(`/v1/referrals/${otherForm}`, api.keys.bAdmin);
    expect(untouched.body.status).toBe('requested');
    expect(untouched.body.child.view.name).toEqual(amani.name);

    // Revoking again answers the same list and sends nothing.
    const again = await post(`/v1/consents/${FORM}/revoke`, api.keys.aAdmin, {});
    expect(again.status).toBe(200);
    expect(again.body).toEqual(revoked.body);
    await api.runtime.drain();
    expect(receiver.received.length).toBe(before + 2);
    // The withdrawn consent cannot be used again: a new referral under the form is 422, in French too.
    const reused = await api.request('POST', '/v1/referrals', {
      headers: { 'x-api-key': api.keys.aAdmin, 'content-type': 'application/json', 'accept-language': 'fr' },
      body: JSON.stringify(referralUnder(FORM)),
    });
    expect(reused.status).toBe(422);
    expect(reused.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/consent/reference',
        code: 'consent-revoked',
        detail: expect.stringMatching(/retiré/),
      }),
    ]);
  });

  it('answers 404 for a consent record no referral of yours was made under, or an id that cannot be one', async () => {
    for (const path of ['/v1/consents/ALPHA-CF-2026-9999/revoke', '/v1/consents/a%20b/revoke']) {
      const res = await post(path, api.keys.aAdmin, {});
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('consent-record-not-found');
    }
  });

  it('refuses a consent reference with spaces or over 100 characters with 422 naming /consent/reference', async () => {
    for (const reference of ['CF 2026 0042', `CF-${'9'.repeat(98)}`]) {
      const res = await post('/v1/referrals', api.keys.aAdmin, referralUnder(reference));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/consent/reference']);
    }
    expect((await post('/v1/referrals', api.keys.aAdmin, referralUnder(`CF-${'9'.repeat(97)}`))).status).toBe(201);
  });
});
