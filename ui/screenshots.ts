import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DynamoDirectory } from '../adapters/dynamodb/directory.ts';
import { seedDemo } from '../cli/serve/demo.ts';
import { startDemoData } from '../cli/serve/demo-start.ts';
import { startLocalRuntime } from '../cli/serve/local-runtime.ts';
import { launchChromium } from '../test/support/chromium.ts';

/**
 * `npm run ui:screenshots`: what `npm start` shows, one PNG per screen and language, written to
 * docs/screenshots/ so that a reader of the README sees the product before installing it. It runs a fresh
 * data dir seeded as a first `npm start` is, signs in as Espoir's administrator, opens each screen of the
 * navigation and the first item each lists, and photographs them in French and in English.
 */
const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const LANGS = ['fr', 'en'] as const;

async function settle(page: Page) {
  await page.locator('main h1').first().waitFor();
  // Screens show "Chargement…"/"Loading…" in a status region while they read the API, sometimes one read
  // after another: settled is no such region and no request for a while.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await page.waitForLoadState('networkidle');
    if ((await page.locator('main .loading').count()) === 0) {
      await page.waitForTimeout(300);
      if ((await page.locator('main .loading').count()) === 0) return;
    }
    await page.waitForTimeout(100);
  }
}

/** Which listed item to open on a screen (the first by default), and a further view to open from it. */
const ITEMS: Record<string, { pick?: RegExp; then?: string; act?: (page: Page) => Promise<void> }> = {
  // The editor, previewing the draft on the source's latest submission.
  mappings: {
    pick: /Kobo/,
    then: 'a[href*="/draft"]',
    act: async (page) => {
      await page.locator('main table input[type=checkbox]').first().check();
      await page.waitForTimeout(1_500);
    },
  },
  reviews: { then: 'main a[href^="#/persons/"]' },
  // A service's page, not the search tab beside it.
  directory: { pick: /scolaire|School/ },
};

async function shoot(page: Page, file: string) {
  await settle(page);
  await page.screenshot({ path: join(OUT, file), fullPage: true });
  process.stdout.write(`${file}\n`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-screens-'));
  const runtime = await startLocalRuntime({ dataDir, logLevel: 'SILENT' });
  const demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), dataDir);
  const { receiver, failed } = await startDemoData(runtime, dataDir, demo);
  if (failed) throw failed;
  const key = demo.keys.find((k) => k.label === 'espoir-admin')!.token;
  const browser = await launchChromium();
  // The demo must show every screen without a failed request or a script error: said, and exit 1.
  const problems: string[] = [];
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  try {
    for (const lang of LANGS) {
      const context = await browser.newContext({
        locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${lang}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${lang} ${page.url()}: ${message.text()}`);
      });
      await page.goto(`${runtime.url}/admin/`);
      await shoot(page, `${lang}-00-sign-in.png`);
      await page.locator('#api-key').fill(key);
      await page.locator('button[type=submit]').click();
      await page.getByRole('navigation').waitFor();
      // The screens as the navigation offers them to this key.
      const ids = (await page
        .getByRole('navigation')
        .locator('a')
        .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace(/^#\//, '')))) as string[];
      for (const [i, id] of ids.entries()) {
        const n = String(i + 1).padStart(2, '0');
        await page.goto(`${runtime.url}/admin/#/${id}`);
        await shoot(page, `${lang}-${n}-${id}.png`);
        // An item the screen lists, if it links to one: a source's mapping, a review, a referral…
        const links = page.locator(`main a[href^="#/${id}/"]`);
        const pick = ITEMS[id]?.pick;
        const item = (pick ? links.filter({ hasText: pick }) : links).first();
        if ((await item.count()) === 0) continue;
        await item.click();
        await shoot(page, `${lang}-${n}-${id}-item.png`);
        const then = ITEMS[id]?.then;
        if (!then || (await page.locator(then).count()) === 0) continue;
        await page.locator(then).first().click();
        await settle(page);
        await ITEMS[id]?.act?.(page);
        await shoot(page, `${lang}-${n}-${id}-item-more.png`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await runtime.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
