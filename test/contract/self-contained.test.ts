import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { febrlFile } from '../../bench/dedup/febrl.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** What a clone does not carry: installed or generated at run time (see .gitignore). */
const NOT_IN_A_CLONE = new Set(['.git', 'node_modules', '.relais', 'cdk.out', 'coverage', 'dist', '.bench']);
const TEXT = /\.(ts|mjs|js|json|ya?ml|md)$/;
// Assembled, so that this file does not match itself.
const SIBLING_FOLDER = ['..', 'shared', ''].join('/');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (NOT_IN_A_CLONE.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('a fresh clone', () => {
  it('carries the FEBRL benchmark data its tests and benchmarks read', () => {
    for (const dataset of ['dataset1', 'dataset3', 'dataset4a', 'dataset4b'] as const) {
      const file = febrlFile(dataset);
      expect(relative(ROOT, file).startsWith('..'), file).toBe(false);
      expect(statSync(file).size).toBeGreaterThan(100_000);
    }
  });

  it('names no folder beside the repository', () => {
    const offenders = files(ROOT)
      .filter((file) => TEXT.test(file) && readFileSync(file, 'utf8').includes(SIBLING_FOLDER))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
