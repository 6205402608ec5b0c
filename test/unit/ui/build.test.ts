import { describe, expect, it } from 'vitest';
import { ADMIN_PREFIX, buildAdminUi } from '../../../ui/build.ts';

/** What the issue asks of a low-end laptop on a slow connection: the first screen's JavaScript, gzipped. */
const FIRST_SCREEN_BUDGET_GZIP = 200 * 1024;

describe('the admin UI build', () => {
  it('keeps the first screen (sign-in) within 200 KB of gzipped JavaScript, screens loading as their own chunks', async () => {
    const built = await buildAdminUi();
    expect(built.firstScreen.gzipBytes).toBeGreaterThan(0);
    expect(built.firstScreen.gzipBytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_GZIP);
    expect(built.allJavaScript.gzipBytes).toBeGreaterThanOrEqual(built.firstScreen.gzipBytes);
  });

  it('names every file but the page by its content, and the page loads exactly the first screen', async () => {
    const built = await buildAdminUi();
    const page = built.assets.find((a) => a.path === `${ADMIN_PREFIX}/index.html`)!;
    expect(page.immutable).toBe(false);
    const html = Buffer.from(page.body).toString('utf8');
    for (const file of built.firstScreen.files) expect(html).toContain(`"${file}"`);
    expect(html).toMatch(/<link rel="stylesheet" href="\/admin\/assets\/main-[A-Z0-9]+\.css"/);
    for (const asset of built.assets.filter((a) => a !== page)) {
      expect(asset.immutable).toBe(true);
      expect(asset.path).toMatch(/^\/admin\/assets\/(chunks\/)?[\w-]+-[A-Z0-9]{8}\.(js|css)$/);
    }
    // No inline script or style: the CSP allows the page's own files only.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it('bundles no server code: the UI borrows the API’s types only', async () => {
    const built = await buildAdminUi();
    const js = built.assets
      .filter((a) => a.path.endsWith('.js'))
      .map((a) => Buffer.from(a.body).toString('utf8'))
      .join('\n');
    for (const server of ['@aws-sdk', 'dynalite', 'ZodError']) expect(js).not.toContain(server);
    // A Node built-in is imported by a quoted specifier ("node:fs"); yaml's minified `{anchor:null,node:null}` is not one.
    expect(js).not.toMatch(/["'`]node:[a-z_/]+["'`]/);
  });
});
