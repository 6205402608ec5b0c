import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { MAX_ATTEMPTS } from '../../../core/delivery/retry-schedule.ts';
import { eventIdFor } from '../../../core/referrals/events.ts';
import { referralIdFor } from '../../../core/referrals/refer.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { ORG_A, ORG_B } from '../../support/local-api.ts';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

/**
 * The Directory screen against the local runtime. Beta runs a webhook (a receiver on 127.0.0.1) and has two
 * services; Alpha refers a child twice to Beta's psychosocial service. The first referral's event is
 * answered 410 Gone, which disables Beta's channel; the second's is given its schedule's last attempt, which
 * fails, so it ends in the dead-letter queue as after three days of retries. All of it through the API.
 */
let ui: AdminUi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const gone = referralIdFor(ORG_A, 'ui-directory-gone');
const dead = referralIdFor(ORG_A, 'ui-directory-dead');

const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const post = (path: string, key: string, body: unknown, more: Record<string, string> = {}) =>
  ui.api.request('POST', path, { headers: { ...headers(key), ...more }, body: JSON.stringify(body) });
const get = (path: string, key: string) => ui.api.request('GET', path, { headers: headers(key) });

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const value = await read();
    if (done(value)) return value;
  }
  throw new Error(`${what} did not happen in ${ms} ms`);
}

const refer = (idempotencyKey: string) =>
  post(
    '/v1/referrals',
    ui.api.keys.aAdmin,
    {
      to: { serviceType: 'psychosocial' },
      child: { person: amani },
      reason: 'Enfant séparée de sa famille, détresse',
      protectionConcerns: ['separated'],
      priority: 'urgent',
      consent: consentFor([ORG_B]),
    },
    { 'idempotency-key': idempotencyKey },
  );

/** Gamma, a third organisation with more services than a page holds (50), in Burundi (out of the searches). */
let gammaKey = '';
const GAMMA_SERVICES = 53;
async function gammaServices() {
  await ui.api.directory.createOrganisation({ id: 'org_gamma', name: 'Gamma', kind: 'ngo', country: 'BI' });
  gammaKey = await ui.api.issueKey('org_gamma', ['admin']);
  for (let i = 1; i <= GAMMA_SERVICES; i++) {
    const input = serviceInput({
      name: { fr: `Service ${String(i).padStart(2, '0')}`, en: `Service ${String(i).padStart(2, '0')}` },
      serviceAreas: [{ country: 'BI', province: 'Gitega' }],
    });
    expect((await post('/v1/admin/services', gammaKey, input)).status).toBe(201);
  }
}

beforeAll(async () => {
  [ui, receiver] = await Promise.all([startAdminUi(), startWebhookReceiver()]);
  const channel = await ui.api.request('PUT', '/v1/admin/delivery-channel', {
    headers: headers(ui.api.keys.bAdmin),
    body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
  });
  expect(channel.status).toBe(200);
  receiver.useSecret(channel.body.signingSecret);
  expect((await post('/v1/admin/services', ui.api.keys.bAdmin, serviceInput())).status).toBe(201);
  const legal = serviceInput({
    name: { fr: 'Assistance juridique', en: 'Legal aid' },
    type: 'legal_assistance',
    eligibility: { minimumAge: 10, maximumAge: 17, sexes: ['female', 'male'] },
  });
  expect((await post('/v1/admin/services', ui.api.keys.bAdmin, legal)).status).toBe(201);

  // The first event is answered 410 Gone, which disables Beta's channel.
  receiver.answer(410);
  expect((await refer('ui-directory-gone')).body.id).toBe(gone);
  await until(
    'the 410 disabling the channel',
    () => get('/v1/admin/delivery-channel', ui.api.keys.bAdmin),
    (res) => res.body.channel?.disabledSince !== undefined,
  );
  // The second has had all but its last attempt (the 3-day schedule is held with a fake clock in
  // test/unit/core/delivery): its last one fails too, nothing sent to the disabled endpoint, and the
  // consumer leaves it to the DLQ. Meanwhile the first is retried on schedule (5 s later), sending nothing.
  const counter = new DynamoChannelStore(ui.api.runtime.dynamo.doc, ui.api.runtime.tables.deliveries!);
  for (let i = 1; i < MAX_ATTEMPTS; i++) await counter.nextAttempt(ORG_B, `${eventIdFor(dead, 1, ORG_B)}#0`);
  expect((await refer('ui-directory-dead')).body.id).toBe(dead);
  await Promise.all([
    gammaServices(),
    until(
      'the dead letter',
      () => get('/v1/admin/dead-letters', ui.api.keys.bAdmin),
      (res) => res.body.items?.length === 1,
    ),
    until(
      'the retry to the disabled channel',
      () => get('/v1/admin/delivery-channel', ui.api.keys.bAdmin),
      (res) =>
        res.body.attempts?.some(
          (a: { referralId: string; next: string; attempt: number }) =>
            a.referralId === gone && a.next === 'retry' && a.attempt > 1,
        ),
    ),
  ]);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await ui?.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
const row = (page: Page, text: string | RegExp) => page.getByRole('row').filter({ hasText: text });

describe('the Directory screen', () => {
  it('shows a disabled channel with its attempts, re-enables it, and redrives the dead letter (French)', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.bAdmin);
    await page.getByRole('link', { name: 'Annuaire et livraison' }).click();
    await heading(page, 'Mes services dans l’annuaire');
    await page.getByRole('link', { name: 'Canal de livraison' }).click();
    await heading(page, 'Canal de livraison et lettres mortes');
    await page.getByText(/^Désactivé depuis le /).waitFor();
    expect(await page.getByRole('definition').filter({ hasText: receiver.url }).count()).toBe(1);
    // The log names each attempt's status code and what came next: the 410's event is retried on schedule,
    // sending nothing; the other gave up.
    const attempts = page.getByRole('table', { name: /tentatives?, la plus récente/ });
    const ofGone = attempts.getByRole('row').filter({ hasText: gone });
    expect(await ofGone.filter({ hasText: '410' }).textContent()).toContain('Canal désactivé (410)');
    expect(await ofGone.filter({ hasText: 'Canal désactivé, rien envoyé' }).textContent()).toContain('Nouvel essai');
    expect(await attempts.getByRole('row').filter({ hasText: dead }).textContent()).toContain('Abandonné');
    expect(await page.getByRole('definition').filter({ hasText: 'Aucun prévu dans le journal' }).count()).toBe(0);
    // The dead letter, by ids only: no child data on the page.
    const letters = page.getByRole('table', { name: '1 lettre morte' });
    expect(await letters.getByRole('row').filter({ hasText: dead }).textContent()).toContain(ORG_B);
    for (const personal of [amani.name.given!, amani.name.family!, amani.phones![0]!])
      expect(await page.textContent('main')).not.toContain(personal);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Réactiver le canal' }).click();
    await status(page, 'Canal réactivé : les prochaines tentatives seront envoyées.');
    await page.getByText('Actif', { exact: true }).waitFor();
    expect(await page.getByText(/^Désactivé depuis le /).count()).toBe(0);
    expect((await get('/v1/admin/delivery-channel', ui.api.keys.bAdmin)).body.channel.disabledSince).toBeUndefined();

    const before = receiver.received.length;
    await page.getByRole('button', { name: 'Renvoyer pour livraison' }).click();
    const question = page.getByRole('group', { name: /Renvoyer 1 lettre morte pour livraison/ });
    await question.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Oui, renvoyer' }).click();
    await status(page, '1 événement renvoyé pour livraison.');
    await page.getByText('Aucune lettre morte.').waitFor();
    // Sent back with a fresh schedule, the event reaches Beta's re-enabled endpoint.
    await receiver.waitFor(before + 1);
    expect(receiver.received.slice(before).map((e) => e.id)).toContain(eventIdFor(dead, 1, ORG_B));
    expect(pageErrors(page)).toEqual([]);
  });

  it('lists your services and deactivates one after asking (French)', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.bAdmin);
    await page.getByRole('link', { name: 'Annuaire et livraison' }).click();
    const services = page.getByRole('table', { name: '2 services sur cette page' });
    await services.waitFor();
    expect(await row(page, 'Assistance juridique').textContent()).toMatch(/10 à 17 ans.*Filles, Garçons.*Actif/);
    expect(await row(page, 'Appui psychosocial').textContent()).toContain('Lualaba, CD');
    expect(await seriousViolations(page)).toEqual([]);

    await services.getByRole('link', { name: 'Appui psychosocial' }).click();
    await heading(page, 'Appui psychosocial');
    expect(await page.getByRole('definition').filter({ hasText: 'Chargé de protection' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Désactiver le service' }).click();
    const question = page.getByRole('group', { name: /Désactiver « Appui psychosocial » \?/ });
    await question.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Cancelling does nothing; confirming does it.
    await question.getByRole('button', { name: 'Annuler' }).click();
    await question.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Désactiver le service' }).click();
    await question.getByRole('button', { name: 'Oui, désactiver' }).click();
    await status(page, 'Service « Appui psychosocial » désactivé : il n’apparaît plus dans la recherche.');
    await page.getByText('Inactif', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Désactiver le service' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Retour à mes services' }).click();
    await services.waitFor();
    expect(await row(page, 'Appui psychosocial').textContent()).toContain('Inactif');
    expect(pageErrors(page)).toEqual([]);
  });

  it('searches the partners’ directory, shows the API’s problem for a wrong criterion, and an inbox channel (English)', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Directory and delivery' }).click();
    await heading(page, 'My services in the directory');
    await page.getByText('No services.').waitFor();
    await page.getByRole('link', { name: 'Search the partners' }).click();
    await heading(page, 'Partners’ directory');
    await page.getByLabel('Country (ISO code, e.g. CD)').fill('cd');
    await page.getByLabel('Province').fill('lualaba');
    await page.getByLabel('Child’s age (years)').fill('12');
    await page.getByLabel('Child’s sex').selectOption({ label: 'Girls' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: '1 service on this page' });
    await results.waitFor();
    // Beta's psychosocial service was deactivated above: only its legal aid is found.
    expect(await results.getByRole('row').filter({ hasText: 'Legal aid' }).textContent()).toMatch(
      /org_beta.*Legal assistance.*Lualaba, CD.*10 to 17 years.*Girls, Boys.*Active/,
    );
    expect(page.url()).toContain('#/directory/search?');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Type').selectOption({ label: 'Psychosocial support' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No services.').waitFor();
    await page.getByLabel('Country (ISO code, e.g. CD)').fill('COD');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.getByRole('listitem').filter({ hasText: '/country' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Delivery channel' }).click();
    await heading(page, 'Delivery channel and dead letters');
    await page.getByText('Inbox (GET /v1/referrals/inbox)').waitFor();
    await page.getByText('No dead letters.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The one 400 is the search the test sent wrong on purpose.
    expect(pageErrors(page).filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('pages through more services than a page holds, forward and back, without repeats (English)', async () => {
    const page = await ui.open('en');
    await signIn(page, gammaKey);
    await page.getByRole('link', { name: 'Directory and delivery' }).click();
    const names = async () => {
      const table = page.getByRole('table', { name: /services? on this page/ });
      await table.waitFor();
      return table.getByRole('rowheader').allTextContents();
    };
    const first = await names();
    expect(first.length).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Previous page' }).count()).toBe(0);
    const seen = [...first];
    while ((await page.getByRole('button', { name: 'Next page' }).count()) > 0) {
      const shown = await page
        .getByRole('table', { name: /services? on this page/ })
        .getByRole('rowheader')
        .first()
        .textContent();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByRole('table').getByRole('rowheader').filter({ hasText: shown! }).waitFor({ state: 'detached' });
      seen.push(...(await names()));
    }
    expect(seen.sort()).toEqual(
      Array.from({ length: GAMMA_SERVICES }, (_, i) => `Service ${String(i + 1).padStart(2, '0')}`),
    );
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('button', { name: 'Next page' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
