import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../adapters/dynamodb/tables.ts';
import { QUEUES, type QueueSpec } from '../../functions/queues.ts';
import { routes } from '../../functions/routes.ts';
import { buildAdminAssets } from '../../infra/admin-assets.ts';
import { projectRoot, runtimeDataFiles } from '../../infra/bundling.ts';
import type { AdminAssets } from '../../infra/constructs/admin-site.ts';
import { createRelais, type Relais } from '../../infra/relais.ts';
import { cdkContext } from './support/synth.ts';

/**
 * The one real synthesis of the suite: the three stacks as `npx cdk synth` builds them, with real esbuild
 * bundles and the admin UI built by ui/build.ts, as infra/app.ts does. One route keeps it fast however many routes there are: the one touching the most tables, which
 * has the heaviest dependencies (`npm run bench:bundle` and `npx cdk synth` bundle them all). Every queue
 * consumer is bundled too: the stack always deploys one per QUEUES entry. Docker is pointed at a path that
 * does not exist, so any fallback to it would fail.
 */
const route = routes.reduce((a, b) => (Object.keys(b.tables).length > Object.keys(a.tables).length ? b : a));
const entries = [route.entry, ...(Object.values(QUEUES) as QueueSpec[]).map((spec) => spec.consumer.entry)];
/** What Lambda and the stacks give every function at load time: the composition root reads all of it. */
const deployedEnvironment = {
  AWS_REGION: 'eu-west-1',
  ...Object.fromEntries(Object.values(TABLES).map((t) => [t.env, `relais-test-${t.key}`])),
  ...Object.fromEntries(
    (Object.values(QUEUES) as QueueSpec[]).map((q) => [
      q.env,
      `https://sqs.eu-west-1.amazonaws.com/000000000000/relais-test-${q.key}.fifo`,
    ]),
  ),
};

describe('cdk synth with real bundling', () => {
  // Inside the project (node_modules/.cache), so that the bundle resolves the AWS SDK as it would on Lambda.
  const cache = join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'relais-cdk-'));
  const docker = process.env.CDK_DOCKER;
  let relais: Relais;
  let assembly: CloudAssembly;
  let adminAssets: AdminAssets;

  beforeAll(async () => {
    process.env.CDK_DOCKER = join(outdir, 'no-docker-here');
    adminAssets = await buildAdminAssets(join(outdir, 'admin-site'));
    const app = new App({ outdir, context: cdkContext });
    relais = createRelais(app, [route], { adminAssets });
    assembly = app.synth();
  }, 120_000);

  afterAll(() => {
    if (docker === undefined) delete process.env.CDK_DOCKER;
    else process.env.CDK_DOCKER = docker;
    rmSync(outdir, { recursive: true, force: true });
  });

  const assetDirOf = (codeKey: string) => join(outdir, `asset.${codeKey.replace(/\.zip$/, '')}`);
  const functionsInTemplate = () => {
    const template = assembly.getStackByName(relais.stateless.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string }; Description: string } }>;
    };
    return Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
  };

  it('writes the three templates and no error annotation', () => {
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(
      [relais.stateful.stackName, relais.stateless.stackName, relais.site.stackName].sort(),
    );
    const errors = assembly.stacks.flatMap((s) =>
      s.messages.filter((m) => m.level === 'error').map((m) => `${m.id}: ${String(m.entry.data)}`),
    );
    expect(errors).toEqual([]);
  });

  it(`bundles ${entries.join(', ')} each into one minified ESM file with its source map, under 1 MB, beside the data it reads`, () => {
    const fns = functionsInTemplate();
    expect(fns).toHaveLength(entries.length);
    for (const fn of fns) {
      const dir = assetDirOf(fn.Properties.Code.S3Key);
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(
        files.map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort(),
        fn.Properties.Description,
      ).toEqual(['index.mjs', 'index.mjs.map', ...runtimeDataFiles().map((file) => file.target)].sort());
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __relaisCreateRequire } from 'node:module';")).toBe(true);
      // Minified code has kilobyte-long lines; readable output averages under a hundred characters.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      expect(statSync(join(dir, 'index.mjs')).size).toBeLessThan(1024 * 1024);
    }
  });

  it('produces bundles that a plain Node process loads, with the deployed environment, into a handler', () => {
    // The AWS SDK, which the bundles leave out, resolves from this project's node_modules as from the runtime's.
    const env = { ...process.env, ...deployedEnvironment };
    for (const fn of functionsInTemplate()) {
      const url = pathToFileURL(join(assetDirOf(fn.Properties.Code.S3Key), 'index.mjs')).href;
      const script = `const m = await import(${JSON.stringify(url)}); process.stdout.write(typeof m.handler);`;
      expect(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' }),
        fn.Properties.Description,
      ).toBe('function');
    }
  });

  it('deploys the built admin UI: index.html revalidated, every file it names staged in the asset and cached for good', () => {
    const template = assembly.getStackByName(relais.site.stackName).template as {
      Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    };
    const deployments = Object.values(template.Resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const [key] = deployments[0]!.Properties.SourceObjectKeys as string[];
    expect(deployments[1]!.Properties.SourceObjectKeys).toEqual([key]);
    const dir = assetDirOf(key!);
    const staged = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .sort();
    expect(adminAssets.revalidated).toEqual(['index.html']);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="\/admin\/([^"]+)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) {
      expect(staged, file).toContain(file);
      expect(file, 'a file index.html loads is named by its hash').toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
    }
    const hashed = deployments.find((d) => d.Properties.Include === undefined)!;
    const entry = deployments.find((d) => d.Properties.Include !== undefined)!;
    expect(hashed.Properties.Exclude).toEqual(['index.html']);
    expect(entry.Properties.Include).toEqual(['index.html']);
  });
});
