import { resolve } from 'node:path';
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
  banner: "import { createRequire as __relaisCreateRequire } from 'node:module'; const require = __relaisCreateRequire(import.meta.url);",
} as const;

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
