import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { QUEUES } from '../../functions/queues.ts';
import { routes } from '../../functions/routes.ts';
import { esbuildOptions, projectRoot, runtimeDataFiles } from '../../infra/bundling.ts';

/** Lambda's unzipped limit is 250 MB; a handler above 1 MB pays for it in cold starts. */
const BUDGET_BYTES = 1024 * 1024;

/** The package (or project folder) an input file belongs to, to say where a bundle's bytes come from. */
function origin(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm < 0) return `${parts[0]}/`;
  const name = parts[nm + 1] ?? '?';
  return name.startsWith('@') ? `${name}/${parts[nm + 2]}` : name;
}

function heaviest(metafile: Metafile, output: string, count: number): string {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
    bytes.set(origin(input), (bytes.get(origin(input)) ?? 0) + bytesInOutput);
  }
  return [...bytes.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([name, n]) => `${name} ${(n / 1024).toFixed(0)} KiB`)
    .join(', ');
}

const outdir = mkdtempSync(join(tmpdir(), 'relais-bundle-'));
let over = 0;
try {
  const entries = [
    ...new Set([...routes.map((route) => route.entry), ...Object.values(QUEUES).map((queue) => queue.consumer.entry)]),
  ];
  const data = runtimeDataFiles();
  const dataBytes = data.reduce((sum, file) => sum + statSync(join(projectRoot, file.source)).size, 0);
  console.log(
    `Bundling ${entries.length} handlers as the CDK stack does (esbuild, node22 ESM, minified, external @aws-sdk/*)`,
  );
  console.log(
    `Each function also ships ${data.length} data files read at run time (${dataBytes} bytes), not counted below.\n`,
  );
  const width = Math.max(...entries.map((e) => e.length));
  console.log(`${'handler'.padEnd(width)} ${'bytes'.padStart(10)} ${'of 1 MB'.padStart(8)}  heaviest inputs`);
  for (const entry of entries) {
    const outfile = join(outdir, entry.replace(/[/.]/g, '_'), 'index.mjs');
    const started = performance.now();
    const result = await build({ ...esbuildOptions(join(projectRoot, entry), outfile), metafile: true });
    const ms = performance.now() - started;
    const bytes = statSync(outfile).size;
    const flag = bytes > BUDGET_BYTES ? '  OVER BUDGET' : '';
    if (flag) over += 1;
    const outputKey = Object.keys(result.metafile.outputs).find((key) => key.endsWith('index.mjs'))!;
    console.log(
      `${entry.padEnd(width)} ${String(bytes).padStart(10)} ${`${((bytes / BUDGET_BYTES) * 100).toFixed(1)}%`.padStart(8)}  ${heaviest(result.metafile, outputKey, 3)} (${ms.toFixed(0)} ms)${flag}`,
    );
  }
  console.log(over ? `\n${over} bundle(s) over 1 MB` : '\nEvery bundle is under 1 MB.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
process.exitCode = over ? 1 : 0;
