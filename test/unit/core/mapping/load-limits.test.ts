import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_MAPPING_CHARS, parseMapping } from '../../../../core/mapping/load.ts';
import { yamlAliasBomb } from '../../../fixtures/yaml-alias-bomb.ts';

const koboYaml = readFileSync(
  join(import.meta.dirname, '../../../../adapters/sources/kobotoolbox/mapping.yaml'),
  'utf8',
);

const aliasBomb = yamlAliasBomb();

const codes = (text: string) => {
  const checked = parseMapping(text);
  return checked.ok ? [] : checked.issues.map((i) => i.code);
};

describe('mapping documents past the limits', () => {
  it('refuses a YAML alias bomb with an issue instead of throwing', () => {
    expect(codes(aliasBomb)).toEqual(['mapping.limit.aliases']);
  });

  it('refuses flow collections nested 10,000 deep before parsing them', () => {
    const checked = parseMapping(`fields:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues).toMatchObject([{ code: 'mapping.limit.depth', line: 2 }]);
  });

  it('refuses block sequences nested on one line, and deep indentation', () => {
    expect(codes(`x: ${'- '.repeat(5_000)}a`)).toEqual(['mapping.limit.depth']);
    expect(codes(Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n'))).toEqual([
      'mapping.limit.depth',
    ]);
  });

  it('refuses, with a pointer, nesting the text check lets through but the parsed document shows', () => {
    const text = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1';
    const checked = parseMapping(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues[0]!.code).toBe('nesting-too-deep');
      expect(checked.issues[0]!.pointer).toBe('/k'.repeat(64));
      expect(checked.issues[0]!.line).toBe(64);
    }
  });

  it('refuses a document over the size limit', () => {
    expect(codes(`# ${'x'.repeat(MAX_MAPPING_CHARS)}\n${koboYaml}`)).toEqual(['mapping.limit.size']);
  });

  it('still reads a real mapping, with its quotes, comments and block scalars', () => {
    expect(parseMapping(koboYaml).ok).toBe(true);
    expect(parseMapping(`${koboYaml}\n# it's [[[[ a comment ]\n`).ok).toBe(true);
  });
});
