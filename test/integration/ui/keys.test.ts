import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalInput } from '../../support/local-api.ts';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';

/** The Keys and sources screen against the local runtime, as Alpha's administrator. */
let ui: AdminUi;
beforeAll(async () => {
  ui = await startAdminUi();
});
afterAll(() => ui?.close());

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
const row = (page: Page, text: string | RegExp) => page.getByRole('row').filter({ hasText: text });
const secretShown = async (page: Page) => (await page.getByTestId('secret').textContent())!.trim();

/** What a partner's tool does with a signing secret: push one record signed with it. */
const pushWith = (sourceId: string, secret: string) =>
  ui.api.signedPost(sourceId, JSON.stringify(canonicalInput()), { secret });

describe('the Keys and sources screen', () => {
  it('issues a key whose token is shown once and opens another tab, then revokes it after asking (French)', async () => {
    const page = await ui.open('fr');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Clés et sources' }).click();
    await heading(page, 'Clés et sources');
    await row(page, 'la clé de cette session').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Libellé').fill('Tableau de bord');
    await page.getByLabel('Lecture (fiches et personnes)').check();
    await page.getByRole('button', { name: 'Émettre la clé' }).click();
    await status(page, /^Clé Tableau de bord \([a-z0-9]+\) émise\.$/);
    const token = await secretShown(page);
    expect(token).toMatch(/^rlk_/);
    await page.getByText('Relais ne garde que son empreinte et ne pourra plus l’afficher').waitFor();
    await page.getByRole('button', { name: 'Copier' }).click();
    await status(page, 'Copié dans le presse-papiers');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    expect(await row(page, 'Tableau de bord').textContent()).toMatch(/Lecture.*Active/);
    expect(await seriousViolations(page)).toEqual([]);

    // Once: neither a reload nor the API shows the token again.
    await page.reload();
    await heading(page, 'Clés et sources');
    await row(page, 'Tableau de bord').waitFor();
    expect(await page.content()).not.toContain(token);
    expect(
      JSON.stringify(
        (await ui.api.request('GET', '/v1/admin/keys', { headers: { 'x-api-key': ui.api.keys.aAdmin } })).body,
      ),
    ).not.toContain(token.slice(-20));

    // The new key signs in, in another tab, as a reader of Alpha.
    const other = await ui.open('fr');
    await signIn(other, token);
    await other.getByRole('banner').filter({ hasText: 'Rôles : reader' }).waitFor();

    const revoke = row(page, 'Tableau de bord').getByRole('button', { name: 'Révoquer' });
    await revoke.click();
    const question = page.getByRole('group', { name: /^Révoquer la clé Tableau de bord/ });
    await question.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Oui, révoquer' }).click();
    await status(page, /^Clé Tableau de bord \([a-z0-9]+\) révoquée\.$/);
    await row(page, 'Tableau de bord').filter({ hasText: 'Révoquée le' }).waitFor();
    expect(await row(page, 'Tableau de bord').getByRole('button').count()).toBe(0);

    // The other tab's key is checked again at a reload: revoked, it is forgotten and sign-in shows.
    await other.reload();
    await heading(other, 'Connexion');
    expect(await other.evaluate("sessionStorage.getItem('relais.admin.key')")).toBeNull();
    expect(pageErrors(page)).toEqual([]);
    // The one 401 is the revoked key's, which the test asked for.
    expect(pageErrors(other).filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('registers a signing source with its first secret, rotates it, and cannot remove the last (English)', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Keys and sources' }).click();
    await heading(page, 'Keys and sources');
    await page.getByLabel('Name').fill('Field app');
    await page.getByLabel('Tool').selectOption({ label: 'Canonical JSON (Relais)' });
    await page.getByLabel('Authentication').selectOption({ label: 'Signature (Standard Webhooks)' });
    await page.getByRole('button', { name: 'Register the source' }).click();
    await status(page, 'Source “Field app” registered.');
    const first = await secretShown(page);
    expect(first).toMatch(/^whsec_/);
    await page.getByText('Relais cannot show it again').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const sourceId = (await row(page, 'Field app').getByRole('code').textContent())!;
    expect((await pushWith(sourceId, first)).status).toBe(202);

    await row(page, 'Field app').getByRole('link', { name: 'Field app' }).click();
    await heading(page, 'Field app');
    const secrets = page.getByRole('table', { name: '1 secret (ids only)' });
    await secrets.waitFor();
    const oldId = (await secrets.getByRole('rowheader').textContent())!;
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add a secret' }).click();
    await status(page, /^Secret \S+ added\.$/);
    const second = await secretShown(page);
    expect(second).not.toBe(first);
    await page.getByRole('table', { name: '2 secrets (ids only)' }).waitFor();
    // During the rotation both verify.
    expect((await pushWith(sourceId, first)).status).toBe(202);
    expect((await pushWith(sourceId, second)).status).toBe(202);

    await row(page, oldId).getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('group', { name: `Remove secret ${oldId}? Pushes signed with it are refused at once.` })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await status(page, `Secret ${oldId} removed.`);
    await page.getByRole('table', { name: '1 secret (ids only)' }).waitFor();
    expect((await pushWith(sourceId, first)).status).toBe(401);
    expect((await pushWith(sourceId, second)).status).toBe(202);

    // The last secret stays: the API refuses, and the page says why in its words.
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/last/i);
    expect(await page.getByRole('table', { name: '1 secret (ids only)' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // The one 409 is the refusal the test asked for.
    expect(pageErrors(page).filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});
