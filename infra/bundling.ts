import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root: route entries and the lock file are resolved against it. */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * How every Lambda is bundled, stated once: the CDK functions and `npm run bench:bundle` both derive their
 * esbuild options from it, so the measured sizes are the deployed sizes.
 */
export const bundlingRules = {
  target: 'node22',
  format: 'esm',
  minify: true,
  sourceMap: true,
  /** Stack traces need the mappings only; embedding the sources would double the artefact. */
  sourcesContent: false,
  /** Prefer packages' ESM builds (middy, Powertools) so that tree shaking works. */
  mainFields: ['module', 'main'],
  /** nodejs22.x ships AWS SDK v3; bundling it would add ~1 MB per function for nothing. */
  externalModules: ['@aws-sdk/*'],
  /** CommonJS dependencies call `require` for Node built-ins, which ESM output lacks. */
  banner:
    "import { createRequire as __relaisCreateRequire } from 'node:module'; const require = __relaisCreateRequire(import.meta.url);",
} as const;

/**
 * Data files that modules read at run time through `new URL('./…', import.meta.url)`. esbuild bundles
 * code, not data, and inside the bundle `import.meta.url` is index.mjs's own URL: each file is copied to
 * where that relative URL then points, beside index.mjs. test/infra/synth.test.ts loads a real bundle, so
 * a file missing here fails there rather than at a cold start.
 */
const RUNTIME_DATA: ReadonlyArray<{ module: string; files: RegExp }> = [
  // The built-in source mappings (adapters/sources/<tool>/mapping.yaml), read by builtinMappingPath().
  { module: 'adapters/sources/index.ts', files: /^[a-z0-9-]+\/mapping\.yaml$/ },
];

export interface RuntimeDataFile {
  /** Relative to the project root. */
  readonly source: string;
  /** Relative to the bundle's directory. */
  readonly target: string;
}

export function runtimeDataFiles(): RuntimeDataFile[] {
  return RUNTIME_DATA.flatMap(({ module, files }) => {
    const base = dirname(module);
    return readdirSync(join(projectRoot, base), { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('\\').join('/'))
      .filter((file) => files.test(file))
      .sort()
      .map((file) => ({ source: join(base, file), target: file }));
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Options for NodejsFunction: local esbuild only, so synth works on machines without Docker. */
export function cdkBundling(): BundlingOptions {
  return {
    forceDockerBundling: false,
    target: bundlingRules.target,
    format: OutputFormat.ESM,
    minify: bundlingRules.minify,
    sourceMap: bundlingRules.sourceMap,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: bundlingRules.sourcesContent,
    mainFields: [...bundlingRules.mainFields],
    externalModules: [...bundlingRules.externalModules],
    banner: bundlingRules.banner,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) =>
        runtimeDataFiles().flatMap(({ source, target }) => [
          `mkdir -p ${shellQuote(dirname(join(outputDir, target)))}`,
          `cp ${shellQuote(join(inputDir, source))} ${shellQuote(join(outputDir, target))}`,
        ]),
    },
  };
}

/** The same bundle through esbuild's API, for measuring without a CDK synth. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: bundlingRules.target,
    format: bundlingRules.format,
    minify: bundlingRules.minify,
    sourcemap: bundlingRules.sourceMap,
    sourcesContent: bundlingRules.sourcesContent,
    mainFields: [...bundlingRules.mainFields],
    external: [...bundlingRules.externalModules],
    banner: { js: bundlingRules.banner },
    absWorkingDir: projectRoot,
    logLevel: 'silent',
  };
}
