import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminUi, pageErrors, seriousViolations, signIn, startAdminUi } from '../../support/admin-ui.ts';

const KOBO = join(import.meta.dirname, '../../../adapters/sources/kobotoolbox');
const fixtureText = (name: string) => readFileSync(join(KOBO, 'fixtures', `${name}.json`), 'utf8');

let ui: AdminUi;
beforeAll(async () => {
  ui = await startAdminUi();
  // Two recent submissions of the Kobo source for the editor to offer: one stored, one refused.
  const push = (body: unknown) =>
    ui.api.request('POST', '/v1/sources/src_a-kobo/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': ui.api.keys.aSource },
      body: JSON.stringify(body),
    });
  expect((await push(JSON.parse(fixtureText('kananga-kabasele')))).status).toBe(202);
  const refused = { ...JSON.parse(fixtureText('uvira-niyonzima-refugee')), 'protection/niveau_risque': 'Très urgent' };
  expect((await push(refused)).status).toBe(422);
  // Sampling is best effort and may finish just after the answer.
  for (let i = 0; i < 50 && (await samples()).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await samples()).toHaveLength(2);
});
afterAll(() => ui?.close());

async function samples(): Promise<unknown[]> {
  const res = await ui.api.request('GET', '/v1/admin/sources/src_a-kobo/samples', {
    headers: { 'x-api-key': ui.api.keys.aAdmin },
  });
  return res.body.items;
}

async function liveVersion(): Promise<number | undefined> {
  const res = await ui.api.request('GET', '/v1/admin/sources/src_a-kobo/mappings', {
    headers: { 'x-api-key': ui.api.keys.aAdmin },
  });
  return res.body.items.find((v: { active: boolean }) => v.active)?.version;
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const status = (page: Page, text: string | RegExp) =>
  page.getByRole('status').filter({ hasText: text }).first().waitFor();
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** A value of the sex code list added after `autre: other`, at its indentation. */
const withSexCode = (text: string, code: string) =>
  text.replace(/( +)autre: other\n/, (line, indent: string) => `${line}${indent}${code}: unknown\n`);

/**
 * The 422s the tests provoke on purpose (a mapping with an error, previewed as it is typed and saved)
 * log "Failed to load resource" in the console; nothing else may.
 */
const unexpectedErrors = (page: Page) => pageErrors(page).filter((e) => !/status of 422/.test(e));

describe('the mappings screen', () => {
  it('in French: finds the error on its line, fixes it, previews samples pasted and recent, saves, activates and rolls back', async () => {
    const page = await ui.open('fr');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Correspondances' }).click();
    await heading(page, 'Correspondances');
    expect(await page.getByRole('table', { name: 'Sources de votre organisation' }).textContent()).toContain(
      'KoboToolbox',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'A kobo' }).click();
    await heading(page, 'Correspondance de « A kobo »');
    const builtin = page.getByRole('row', { name: /Intégrée \(kobotoolbox-default@1\)/ });
    expect(await builtin.textContent()).toContain('En service');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Écrire une nouvelle version' }).click();
    await heading(page, 'Nouvelle version de « A kobo »');
    await status(page, 'Correspondance valide. Ajoutez un exemple');
    const editor = page.getByLabel('Correspondance (YAML)');
    const builtinText = await editor.inputValue();
    expect(builtinText).toContain('id: kobotoolbox-default');
    await page.getByText('Point de départ : la correspondance intégrée kobotoolbox-default@1.').waitFor();

    // The recent submissions, as the API minimised them, with their outcome.
    const recent = page.getByRole('table', { name: /Soumissions récentes de la source/ });
    await recent.waitFor();
    expect(await recent.getByRole('row').count()).toBe(3);
    const recentText = (await recent.textContent())!;
    expect(recentText).toContain('Acceptée');
    expect(recentText).toContain('Refusée');
    expect(recentText).toContain('/protection~1niveau_risque');
    await recent.getByText('Afficher').first().click();
    expect(recentText + (await recent.textContent())).not.toMatch(/KABASELE|NIYONZIMA/);
    expect(await recent.textContent()).toContain('XXXXXXXXX');

    // A YAML syntax error, found by the browser, on its line.
    const syntax = builtinText.replace('  - start\n', '  - start\n  - [unclosed\n');
    await editor.fill(syntax);
    await page.getByRole('button', { name: `Ligne ${lineOf(syntax, '[unclosed') + 1}, colonne 3` }).waitFor();
    await page.getByText(/YAML invalide \(/).waitFor();

    // A mapping error, found by the API, on its line; the editor marks itself invalid.
    const broken = builtinText.replace('from: enfant/sexe', 'form: enfant/sexe');
    await editor.fill(broken);
    const issue = page.getByRole('button', { name: `Ligne ${lineOf(broken, 'form: enfant/sexe')}, colonne 5` });
    await issue.waitFor();
    expect(await page.getByText('Erreurs de la correspondance').locator('..').textContent()).toContain(
      '/fields/~1person~1sex/form',
    );
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await status(page, '1 erreur dans la correspondance.');
    await issue.click();
    // The line's button selects the line in the editor.
    type TextArea = { value: string; selectionStart: number; selectionEnd: number };
    expect(
      await editor.evaluate((el) => {
        const area = el as unknown as TextArea;
        return area.value.slice(area.selectionStart, area.selectionEnd);
      }),
    ).toBe('    form: enfant/sexe');
    expect(await seriousViolations(page)).toEqual([]);

    // Fixed, and tried on a pasted sample and on the recent accepted submission.
    const v1 = withSexCode(builtinText, 'nd');
    await editor.fill(v1);
    await status(page, 'Correspondance valide. Ajoutez un exemple');
    expect(await page.getByText('Erreurs de la correspondance').count()).toBe(0);
    await page.getByLabel('Exemples collés (JSON : une soumission ou un tableau de soumissions)').fill('{ "not json');
    await page.getByText(/^JSON illisible/).waitFor();
    await page
      .getByLabel('Exemples collés (JSON : une soumission ou un tableau de soumissions)')
      .fill(fixtureText('kananga-kabasele'));
    await page
      .getByLabel(/^Utiliser la soumission du/)
      .last()
      .check();
    await page.getByRole('heading', { name: /Exemple collé 1/ }).waitFor();
    const pasted = page.getByRole('region', { name: /Exemple collé 1/ });
    expect(await pasted.getByRole('heading').first().textContent()).toContain('Valide');
    expect(await pasted.getByLabel(/Sortie canonique/).textContent()).toContain('"family": "KABASELE"');
    const fromRecent = page.getByRole('region', { name: /Soumission du .* \(acceptée\)/ });
    expect(await fromRecent.getByLabel(/Sortie canonique/).textContent()).toContain('"sex": "male"');
    const coverage = (await page.getByRole('region', { name: 'Couverture' }).textContent())!;
    expect(coverage).toMatch(/Champs canoniques remplis : \d+ sur \d+/);
    expect(coverage).toContain('Champs source jamais lus : 0');
    await status(page, /^Correspondance valide\.$/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Enregistrer comme nouvelle version' }).click();
    await status(page, 'Version 1 enregistrée (pas encore en service).');
    await page.getByRole('button', { name: 'Mettre en service la version 1' }).click();
    await status(page, 'Version 1 mise en service : les prochaines soumissions passent par elle.');
    expect(await liveVersion()).toBe(1);

    await editor.fill(withSexCode(v1, 'inconnu'));
    await page.getByRole('button', { name: 'Enregistrer comme nouvelle version' }).click();
    await status(page, 'Version 2 enregistrée (pas encore en service).');
    await page.getByRole('button', { name: 'Mettre en service la version 2' }).click();
    await status(page, 'Version 2 mise en service');
    expect(await liveVersion()).toBe(2);

    // Rolling back is activating an older version; the button and its result say so.
    await page.getByRole('link', { name: 'Retour à A kobo' }).click();
    await heading(page, 'Correspondance de « A kobo »');
    await page.getByRole('button', { name: 'Revenir à la version 1' }).click();
    await status(page, 'Retour à la version 1 : elle est en service à la place de la version 2.');
    expect(await liveVersion()).toBe(1);
    // The table is read again after the change.
    await page
      .getByRole('row', { name: /^Version 1/ })
      .filter({ hasText: 'En service' })
      .waitFor();
    expect(await page.getByRole('row', { name: /^Version 2/ }).textContent()).toContain(
      '1 champ modifié : /person/sex',
    );

    await page.getByRole('link', { name: 'Version 2', exact: true }).click();
    await heading(page, 'Version 2 de « A kobo »');
    // Moving inside the screen moves the focus to the new view's heading, as opening a screen does.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Version 2 de « A kobo »');
    await page.getByRole('heading', { level: 2, name: 'Changements depuis la version 1' }).waitFor();
    const diff = (await page.getByLabel('Différences ligne à ligne').textContent())!;
    expect(diff).toMatch(/\+ +inconnu: unknown/);
    expect(diff).not.toMatch(/[+−] +nd: unknown/);
    expect(diff).toMatch(/… \d+ lignes inchangées/);
    expect(await page.getByLabel('Document (YAML)').textContent()).toContain('inconnu: unknown');
    expect(await seriousViolations(page)).toEqual([]);
    expect(unexpectedErrors(page)).toEqual([]);
  });

  it('in English: starts from the live version, says an identical save stored nothing, shows a refused save on its line, makes a version live from its page, keeps a draft for the sign-in only, and starts a canonical source from a template', async () => {
    const page = await ui.open('en');
    await signIn(page, ui.api.keys.aAdmin);
    await page.getByRole('link', { name: 'Mappings' }).click();
    await heading(page, 'Mappings');
    await page.getByRole('link', { name: 'A kobo' }).click();
    await heading(page, 'Mapping of “A kobo”');
    expect(await page.getByRole('row', { name: /^Version 1/ }).textContent()).toContain('Live');
    expect(await page.getByRole('row', { name: /Built-in/ }).textContent()).toContain('Not live');

    await page.getByRole('link', { name: 'Write a new version' }).click();
    await heading(page, 'New version of “A kobo”');
    await page.getByText('Started from version 1, live.').waitFor();
    const editor = page.getByLabel('Mapping (YAML)');
    const live = await editor.inputValue();
    expect(live).toContain('nd: unknown');
    expect(live).not.toContain('inconnu: unknown');
    await status(page, 'The mapping is valid. Add a sample');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await status(page, 'Identical to version 1: nothing new was stored.');
    expect(await page.getByRole('button', { name: /Make version/ }).count()).toBe(0);

    // Saved at once, before the check as you type: the API's refusal, with its line, lands in the editor too.
    const broken = live.replace('from: enfant/sexe', 'form: enfant/sexe');
    await editor.fill(broken);
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '/fields/~1person~1sex/form' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`line ${lineOf(broken, 'form: enfant/sexe')}`);
    await page.getByRole('button', { name: `Line ${lineOf(broken, 'form: enfant/sexe')}, column 5` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await liveVersion()).toBe(1);

    await page.goto(`${ui.adminUrl}#/mappings/src_a-kobo/2`);
    await heading(page, 'Version 2 of “A kobo”');
    await page.getByRole('heading', { level: 2, name: 'Changes since version 1' }).waitFor();
    expect(await page.getByRole('term').allTextContents()).toEqual(['Author', 'Stored', 'State', 'Changes']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Make version 2 live' }).click();
    await status(page, 'Version 2 is live: the next submissions go through it.');
    expect(await liveVersion()).toBe(2);
    // The page is read again after the change: the version shows live, with nothing left to activate.
    await page.getByRole('definition').filter({ hasText: /^Live/ }).waitFor();
    expect(await page.getByRole('button', { name: /Make version 2 live|Roll back/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'Write a new version from version 2' }).click();
    await heading(page, 'New version of “A kobo”');
    await page.getByText('Started from version 2.').waitFor();
    expect(await editor.inputValue()).toContain('inconnu: unknown');

    // A draft in progress survives a visit to another view, and not the next sign-in on this tab.
    await editor.fill(`# kept while away\n${await editor.inputValue()}`);
    await page.getByRole('link', { name: 'Back to A kobo' }).click();
    await heading(page, 'Mapping of “A kobo”');
    await page.getByRole('link', { name: 'Write a new version' }).click();
    await page.getByText('Started from your draft in progress.').waitFor();
    expect(await editor.inputValue()).toMatch(/^# kept while away\n/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, ui.api.keys.aAdmin);
    await page.goto(`${ui.adminUrl}#/mappings/src_a-kobo/draft`);
    await page.getByText('Started from version 2, live.').waitFor();
    expect(await editor.inputValue()).not.toContain('# kept while away');

    // A canonical source has no built-in mapping to start from.
    await page.goto(`${ui.adminUrl}#/mappings/src_a-keyed/draft`);
    await heading(page, 'New version of “A canonical with key”');
    await page.getByText('Started from an empty template (a canonical source has no built-in mapping).').waitFor();
    expect(await page.getByLabel('Mapping (YAML)').inputValue()).toContain('tool: canonical');
    // Valid as it stands: it maps what every record needs.
    await status(page, 'The mapping is valid. Add a sample');
    await page.getByText('No recent submission to reuse for this source.').waitFor();
    expect(unexpectedErrors(page)).toEqual([]);
  });
});
