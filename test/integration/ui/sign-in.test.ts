import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';

let ui: AdminUi;
beforeAll(async () => {
  ui = await startAdminUi();
});
afterAll(() => ui?.close());

describe('signing in to the admin UI', () => {
  it('is served at /admin with its security headers, and /admin itself redirects there', async () => {
    const page = await fetch(ui.adminUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/admin\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)![1]!;
    const js = await fetch(ui.api.url + script);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    // A screen's address that is not a file is the page again: the app routes in the browser.
    expect((await fetch(`${ui.api.url}/admin/referrals/anything`)).status).toBe(200);
    const bare = await fetch(`${ui.api.url}/admin`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/admin/']);
  });

  it('speaks French to a French browser, refuses a wrong key with the API’s words, and signs in with a right one', async () => {
    const page = await ui.open('fr');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Clé d’API').fill('rk_not-a-key');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /clé|identifiants|authentif/i })
      .waitFor();

    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('banner').filter({ hasText: 'Alpha' }).waitFor();
    expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('relais.admin.key')")).toBe(ui.api.keys.aAdmin);
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors(page).filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('speaks English to an English browser, keeps the key across a reload, and forgets it on sign-out', async () => {
    const page = await ui.open('en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(page, ui.api.keys.aAdmin);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('relais.admin.key')")).toBeNull();
    expect(pageErrors(page)).toEqual([]);
  });

  it('switches language from the header, and the API answers in the language chosen', async () => {
    const page = await ui.open('en');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByLabel('Clé d’API').fill('rk_not-a-key');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const french = await page.getByRole('alert').textContent();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('API key').fill('rk_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasNotText: french! }).waitFor();
    const english = await page.getByRole('alert').textContent();
    expect(french).toMatch(/\S/);
    expect(english).not.toBe(french);
  });
});
