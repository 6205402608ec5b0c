import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

/** Where the admin UI is served: locally by the runtime, on AWS by CloudFront. */
export const ADMIN_PREFIX = '/admin';

export interface AdminAsset {
  /** The URL path, e.g. /admin/assets/main-3F2A….js */
  path: string;
  contentType: string;
  body: Uint8Array;
  /** Named by its content hash: cached for good. index.html is not, so a deployment shows at once. */
  immutable: boolean;
}

/**
 * The headers every admin page is answered with, locally and by CloudFront: scripts and styles from the
 * page's own origin only, no framing, no referrer (URLs carry person and referral ids).
 */
export const ADMIN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const UI = import.meta.dirname;
const OUT = join(UI, '.out');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
};
const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

export interface AdminBuild {
  assets: AdminAsset[];
  /** The JavaScript the first screen (sign-in) loads: the entry and what it imports statically. */
  firstScreen: { files: string[]; bytes: number; gzipBytes: number };
  /** Every JavaScript file, whatever the screen. */
  allJavaScript: { bytes: number; gzipBytes: number };
}

/** Bundles ui/src with esbuild, in memory: one entry, a chunk per screen. Takes well under a second. */
export async function buildAdminUi(): Promise<AdminBuild> {
  const result = await build({
    absWorkingDir: UI,
    entryPoints: { main: join(UI, 'src', 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2020'],
    minify: true,
    write: false,
    metafile: true,
    outdir: OUT,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const urlOf = (file: string) => `${ADMIN_PREFIX}/${relative(OUT, file).split('\\').join('/')}`;
  const assets: AdminAsset[] = result.outputFiles.map((f) => ({
    path: urlOf(f.path),
    contentType: typeOf(f.path),
    body: f.contents,
    immutable: true,
  }));
  const metafile = result.metafile as Metafile;
  const [entry] = Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint?.endsWith('main.tsx'));
  if (!entry) throw new Error('the admin UI build has no entry');
  const [entryFile, entryOutput] = entry;
  const staticImports = entryOutput.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path);
  const css = entryOutput.cssBundle ? [urlOf(join(UI, entryOutput.cssBundle))] : [];
  const first = [entryFile, ...staticImports].map((f) => urlOf(join(UI, f)));
  const html = readFileSync(join(UI, 'index.html'), 'utf8')
    .replace('<!--styles-->', css.map((href) => `<link rel="stylesheet" href="${href}" />`).join(''))
    .replace(
      '<!--scripts-->',
      [
        ...first.slice(1).map((href) => `<link rel="modulepreload" href="${href}" />`),
        `<script type="module" src="${first[0]}"></script>`,
      ].join(''),
    );
  assets.push({
    path: `${ADMIN_PREFIX}/index.html`,
    contentType: TYPES['.html']!,
    body: Buffer.from(html),
    immutable: false,
  });
  const size = (paths: string[]) => {
    const bodies = paths.map((p) => assets.find((a) => a.path === p)!.body);
    return {
      bytes: bodies.reduce((n, b) => n + b.length, 0),
      gzipBytes: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    };
  };
  return {
    assets,
    firstScreen: { files: first, ...size(first) },
    allJavaScript: size(assets.filter((a) => a.path.endsWith('.js')).map((a) => a.path)),
  };
}

/** Writes the built UI to a directory, laid out as its URLs under /admin (for the CDK's S3 deployment). */
export async function writeAdminAssets(outDir: string): Promise<AdminBuild> {
  const built = await buildAdminUi();
  for (const asset of built.assets) {
    const file = join(outDir, asset.path.slice(ADMIN_PREFIX.length + 1));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, asset.body);
  }
  return built;
}
