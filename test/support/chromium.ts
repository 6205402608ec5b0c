import { rmSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * The Chromium of the @sparticuz/chromium npm package: a whole browser inside a registry package, so tests
 * need no download and no apt step. It unpacks itself to the temp dir once (about 1.5 s); the version
 * check throws away a browser another version of the package left there.
 */
const VERSION = '143.';

export async function chromiumPath(): Promise<string> {
  return chromium.executablePath();
}

/**
 * Only --no-sandbox (tests run as root): the package's own Lambda flags (--single-process among them) make
 * playwright's pages close at once on these machines.
 */
export async function launchChromium(executablePath?: string): Promise<Browser> {
  let browser = await playwright.launch({
    executablePath: executablePath ?? (await chromiumPath()),
    args: ['--no-sandbox'],
  });
  if (!browser.version().startsWith(VERSION)) {
    await browser.close();
    rmSync(executablePath ?? (await chromiumPath()), { force: true });
    browser = await playwright.launch({ executablePath: await chromiumPath(), args: ['--no-sandbox'] });
  }
  return browser;
}
