import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type LocalApi, startLocalApi } from './local-api.ts';

export type UiLang = 'fr' | 'en';

/** The local runtime with its two test organisations, and a real Chromium that opens its admin UI. */
export interface AdminUi {
  api: LocalApi;
  /** http://127.0.0.1:<port>/admin/ */
  adminUrl: string;
  browser: Browser;
  /** A fresh tab (its own sessionStorage) whose browser prefers `lang`; page errors fail `expectHealthy`. */
  open(lang: UiLang): Promise<Page>;
  close(): Promise<void>;
}

const errorsOf = new WeakMap<Page, string[]>();

export async function startAdminUi(): Promise<AdminUi> {
  const [api, browser] = await Promise.all([startLocalApi(), launchChromium(inject('chromiumPath'))]);
  const adminUrl = `${api.url}/admin/`;
  return {
    api,
    adminUrl,
    browser,
    open: async (lang) => {
      const context = await browser.newContext({
        locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
        viewport: { width: 1280, height: 900 },
      });
      // Short waits: a screen that does not show in 10 s has failed; the test's own timeout is longer.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const errors: string[] = [];
      errorsOf.set(page, errors);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(adminUrl);
      return page;
    },
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
}

/** Signs in on the sign-in screen, as a person would, and waits for the navigation to show. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel(/Clé d’API|API key/).fill(key);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.getByRole('navigation').waitFor();
}

/** Nothing went wrong in the page: no uncaught exception, no console error (a failed request logs one). */
export function pageErrors(page: Page): string[] {
  return errorsOf.get(page) ?? [];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A and AA rules). It is
 * evaluated through the DevTools protocol, which the page's CSP does not apply to: the CSP stays on.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<any> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
