import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { MAX_ATTEMPTS } from '../../../core/delivery/retry-schedule.ts';
import { eventIdFor } from '../../../core/referrals/events.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { ORG_B } from '../../support/local-api.ts';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

let ui: AdminUi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** Alpha's referral that Beta accepts and completes in the UI. */
let referralId: string;
/** Alpha's referral whose event Beta's endpoint never takes: undeliverable once the schedule is spent. */
let undeliverableId: string;

const json = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const post = (path: string, key: string, body: unknown) =>
  ui.api.request('POST', path, { headers: json(key), body: JSON.stringify(body) });
const get = (path: string, key: string) => ui.api.request('GET', path, { headers: json(key) });

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const referralBody = (caseId: string) => ({
  to: { serviceType: 'psychosocial' },
  child: { person: amani },
  reason: 'Enfant séparée de sa famille, détresse',
  protectionConcerns: ['separated'],
  priority: 'urgent',
  referringCaseId: caseId,
  consent: consentFor([ORG_B]),
});

/**
 * The undeliverable referral, as the HTTP suite makes one (property 110 holds the schedule itself with a
 * fake clock): Beta's endpoint answers 503, the first attempt is made, the schedule's middle attempts are
 * counted as made, and the queue's next receive makes the last, which dead-letters the event.
 */
async function makeUndeliverable(): Promise<string> {
  receiver.answer(...Array<number>(MAX_ATTEMPTS).fill(503));
  const created = await post('/v1/referrals', ui.api.keys.aAdmin, referralBody('ALPHA-UNDELIVERED'));
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const attempts = async () =>
    (await get('/v1/admin/delivery-channel', ui.api.keys.bAdmin)).body.attempts.filter(
      (a: { referralId: string }) => a.referralId === id,
    ).length;
  await until(async () => (await attempts()) === 1);
  const counter = new DynamoChannelStore(ui.api.runtime.dynamo.doc, ui.api.runtime.tables.deliveries!);
  const eventId = eventIdFor(id, 1, ORG_B);
  for (let i = 2; i < MAX_ATTEMPTS; i++) await counter.nextAttempt(ORG_B, `${eventId}#0`);
  await until(async () => (await get(`/v1/referrals/${id}`, ui.api.keys.aAdmin)).body.undeliverable === true);
  // Later events (the revocation's purge notice) are taken again.
  receiver.answer();
  return id;
}

let undeliverable: Promise<string>;

beforeAll(async () => {
  [ui, receiver] = await Promise.all([startAdminUi(), startWebhookReceiver()]);
  expect((await post('/v1/admin/services', ui.api.keys.bAdmin, serviceInput())).status).toBe(201);
  const channel = await ui.api.request('PUT', '/v1/admin/delivery-channel', {
    headers: json(ui.api.keys.bAdmin),
    body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
  });
  expect(channel.status).toBe(200);
  receiver.useSecret(channel.body.signingSecret);
  const created = await post('/v1/referrals', ui.api.keys.aAdmin, referralBody('ALPHA-2026-0042'));
  expect(created.status).toBe(201);
  referralId = created.body.id;
  await receiver.waitFor(1);
  // Runs while the browser tests walk the first referral: its schedule takes a few seconds of queue time.
  undeliverable = makeUndeliverable();
  undeliverable.catch(() => undefined);
});
afterAll(async () => {
  await ui?.close();
  await receiver?.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const said = async (page: Page, text: string | RegExp) => {
  const status = page.getByRole('status').filter({ hasText: text });
  await status.waitFor();
  return status.textContent();
};

describe('the referrals board', () => {
  it('lets the receiver accept a referral, then complete it with feedback, in French', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.bAdmin);
    await page.getByRole('link', { name: 'Références' }).click();
    await heading(page, 'Références');
    // The received box is the default; the referral is there, flagged urgent in words.
    expect(await page.getByRole('link', { name: 'Reçues' }).getAttribute('aria-current')).toBe('page');
    const row = page.getByRole('row').filter({ hasText: referralId });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/demandée.*urgente.*psychosocial.*org_alpha/);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('link', { name: referralId }).click();
    await heading(page, 'Référence : service psychosocial');
    // The child as consent allows: her name and caregiver, never the phone or identifiers it withheld.
    const child = page.getByRole('region', { name: 'L’enfant, tel que le consentement le permet' });
    expect(await child.textContent()).toContain('Amani Tshimanga Kabasele');
    expect(await child.textContent()).not.toContain('+243998877665');
    expect(await child.textContent()).not.toContain('KZ-2013-0417');
    expect(await page.getByRole('region', { name: 'Motif de la référence' }).textContent()).toContain(
      'Enfant séparée de sa famille',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Accepter' }).click();
    await page.getByLabel('Votre numéro de dossier (facultatif)').fill('BETA-77');
    await page.getByRole('button', { name: 'Confirmer : Accepter' }).click();
    expect(await said(page, 'acceptée')).toBe('Statut changé en « acceptée » (version 2).');
    const summary = page.getByRole('region', { name: 'Résumé' });
    expect(await summary.textContent()).toContain('BETA-77');

    // Completing asks for the feedback the referrer will read; an empty form is not sent.
    await page.getByRole('button', { name: 'Clore avec un retour' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Service effectivement fourni').fill('Quatre séances de soutien psychosocial');
    await page.getByLabel('Résultat').selectOption({ label: 'Besoins couverts' });
    await page.getByLabel('Date du service').fill('2026-12-01');
    await page.getByLabel('Note pour l’autre organisation (facultative, sans nom)').fill('Suivi par la famille');
    await page.getByRole('button', { name: 'Confirmer : Clore avec un retour' }).click();
    expect(await said(page, 'terminée')).toBe('Statut changé en « terminée » (version 3).');
    const history = page.getByRole('table', { name: /Chaque changement de statut/ });
    expect(await history.getByRole('row').count()).toBe(4);
    expect(await history.textContent()).toContain('Quatre séances de soutien psychosocial');
    expect(await page.getByText('Votre côté n’a plus rien à faire sur cette référence.').count()).toBe(1);
    // Closed, the receiver's grant has ended: the API no longer gives the child, and the page says so.
    expect(await child.textContent()).toContain('ne sont plus visibles');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);

    const read = await get(`/v1/referrals/${referralId}`, ui.api.keys.aAdmin);
    expect(read.body.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'accepted', 'completed']);
    expect(read.body.history[2].feedback).toEqual({
      serviceProvided: 'Quatre séances de soutien psychosocial',
      outcome: 'needs-met',
      date: '2026-12-01',
      note: 'Suivi par la famille',
    });
  });

  it('shows the referrer its referral completed, with the feedback, in English', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Referrals' }).click();
    await heading(page, 'Referrals');
    await page.getByRole('link', { name: 'Sent' }).click();
    await page.getByLabel('Status').selectOption({ label: 'completed' });
    await page.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByRole('table', { name: /Referrals your organisation sent/ });
    await table.waitFor();
    // Filtered by the API: only the completed referral is listed.
    await page.waitForFunction("location.hash.includes('status=completed')");
    await until(async () => (await table.getByRole('row').count()) === 2, 10_000);
    expect(await table.getByRole('row').nth(1).textContent()).toContain(referralId);
    expect(await seriousViolations(page)).toEqual([]);

    await table.getByRole('link', { name: referralId }).click();
    await heading(page, 'Referral: psychosocial service');
    const history = page.getByRole('table', { name: 'Each status change, oldest first' });
    const text = await history.textContent();
    expect(text).toMatch(/requested.*accepted.*completed/);
    expect(text).toContain('Quatre séances de soutien psychosocial');
    expect(text).toContain('Needs met');
    expect(text).toContain('Suivi par la famille');
    expect(await page.getByRole('region', { name: 'Summary' }).textContent()).toContain('BETA-77');
    // The referrer still sees the child it referred; the delivery facts show the event reached Beta.
    expect(await page.getByRole('region', { name: 'The child, as consent allows' }).textContent()).toContain('Amani');
    expect(await page.getByRole('table', { name: /Delivery facts/ }).textContent()).toContain('delivered');
    // The referrer has no status of its own to set on a completed referral.
    expect(await page.getByText('Your side has nothing left to do on this referral.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('flags an undeliverable referral in words, and its referrer revokes consent after confirming, in English', async () => {
    undeliverableId = await undeliverable;
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('link', { name: 'Sent' }).click();
    const row = page.getByRole('row').filter({ hasText: undeliverableId });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/requested.*urgent.*undeliverable/);
    // Not answered yet, but not late either (72 h for urgent): the overdue filter leaves it out.
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No referral matches these filters.').waitFor();
    await page.getByLabel('Overdue only').uncheck();
    await page.getByRole('button', { name: 'Filter' }).click();
    await row.getByRole('link', { name: undeliverableId }).click();
    await heading(page, 'Referral: psychosocial service');
    const delivery = page.getByRole('table', { name: /Delivery facts/ });
    expect(await delivery.textContent()).toMatch(/queued.*undeliverable/);
    expect(await seriousViolations(page)).toEqual([]);

    // Revoking asks first; "Do nothing" sends nothing.
    await page.getByRole('button', { name: 'Revoke consent' }).click();
    await page.getByRole('button', { name: 'Do nothing' }).click();
    expect((await get(`/v1/referrals/${undeliverableId}`, ui.api.keys.aAdmin)).body.consentRevokedAt).toBeUndefined();
    await page.getByRole('button', { name: 'Revoke consent' }).click();
    await page.getByLabel('Note (optional, no names)').fill('Retrait du consentement par la tutrice');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm the revocation' }).click();
    expect(await said(page, 'Consent revoked')).toBe(
      'Consent revoked; the referral is “cancelled”, a purge notice is sent.',
    );
    const summary = await page.getByRole('region', { name: 'Summary' }).textContent();
    expect(summary).toContain('cancelled');
    expect(await page.getByText('consent revoked', { exact: true }).count()).toBeGreaterThan(0);
    const read = await get(`/v1/referrals/${undeliverableId}`, ui.api.keys.aAdmin);
    expect(read.body).toMatchObject({ status: 'cancelled', consentRevokedAt: expect.any(String) });
    expect(read.body.history.at(-1)).toMatchObject({
      reasonCode: 'consent-withdrawn',
      note: 'Retrait du consentement par la tutrice',
    });
    expect(pageErrors(page)).toEqual([]);
  }, 40_000);

  it('flags a referral left unanswered past its due date as overdue, the overdue filter finds it, and the receiver rejects it with a reason, in French', async () => {
    // The referral is made four days ago on the server's clock (the handlers run in this process): an urgent
    // referral has 72 h for an answer, so it is overdue now. Only its creation runs on the moved clock; the
    // rest of the test runs in real time.
    const past = Date.now() - 4 * 86_400_000;
    vi.useFakeTimers({ toFake: ['Date'], now: past, shouldAdvanceTime: true });
    let created: Awaited<ReturnType<typeof post>>;
    try {
      created = await post('/v1/referrals', ui.api.keys.aAdmin, {
        ...referralBody('ALPHA-LATE'),
        consent: consentFor([ORG_B], { givenAt: new Date(past - 3_600_000).toISOString() }),
      });
    } finally {
      vi.useRealTimers();
    }
    expect(created.status).toBe(201);
    const late: string = created.body.id;
    await ui.api.runtime.drain();
    {
      const page = await ui.open('fr');
      await signIn(page, ui.api.keys.aAdmin);
      await page.getByRole('link', { name: 'Références' }).click();
      await page.getByRole('link', { name: 'Envoyées' }).click();
      await page.getByLabel('En retard seulement').check();
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForFunction("location.hash.includes('overdue=true')");
      const table = page.getByRole('table', { name: /Références envoyées/ });
      await until(async () => (await table.getByRole('row').count()) === 2, 10_000);
      const row = table.getByRole('row').nth(1);
      expect(await row.textContent()).toContain(late);
      expect(await row.textContent()).toMatch(/demandée.*en retard.*urgente/);
      expect(await seriousViolations(page)).toEqual([]);
      await row.getByRole('link', { name: late }).click();
      await heading(page, 'Référence : service psychosocial');
      expect(await page.getByText('en retard', { exact: true }).count()).toBe(1);
      expect(pageErrors(page)).toEqual([]);
    }

    // The receiver refuses it: the form says the change is final, and the reason is required before it sends.
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.bAdmin);
    await page.getByRole('link', { name: 'Références' }).click();
    await page.getByRole('row').filter({ hasText: late }).getByRole('link', { name: late }).click();
    await heading(page, 'Référence : service psychosocial');
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.getByText('Refuser : ce changement est définitif').waitFor();
    await page.getByRole('button', { name: 'Confirmer : Refuser' }).click();
    expect(
      await page
        .getByLabel('Motif', { exact: true })
        .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    expect((await get(`/v1/referrals/${late}`, ui.api.keys.aAdmin)).body.status).toBe('requested');
    await page.getByLabel('Motif', { exact: true }).selectOption({ label: 'Pas de capacité' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirmer : Refuser' }).click();
    expect(await said(page, 'refusée')).toBe('Statut changé en « refusée » (version 2).');
    expect((await get(`/v1/referrals/${late}`, ui.api.keys.aAdmin)).body.history.at(-1)).toMatchObject({
      status: 'rejected',
      reasonCode: 'no-capacity',
    });
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
