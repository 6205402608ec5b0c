import { describe, expect, it } from 'vitest';
import { compileGetter, parseSourcePath, pathCovers, payloadLeafPaths } from '../../../../core/mapping/source-path.ts';

describe('parseSourcePath', () => {
  it.each([
    ['enfant/nom', [{ key: 'enfant/nom' }], '/enfant~1nom'],
    ['properties.case_name', [{ key: 'properties' }, { key: 'case_name' }], '/properties/case_name'],
    [
      'data.family[0].relation',
      [{ key: 'data' }, { key: 'family' }, { index: 0 }, { key: 'relation' }],
      '/data/family/0/relation',
    ],
    ['items[*].name', [{ key: 'items' }, { any: true }, { key: 'name' }], '/items'],
    ['Date de naissance', [{ key: 'Date de naissance' }], '/Date de naissance'],
  ])('reads %s', (text, steps, pointer) => {
    expect(parseSourcePath(text)).toMatchObject({ steps, pointer });
  });

  it.each(['', 'a..b', '.a', 'a.', 'a[', 'a[x]', 'a[-1]', ' a', 'constructor', 'a.__proto__'])('refuses %j', (text) => {
    expect(parseSourcePath(text)).toBeUndefined();
  });
});

describe('compileGetter', () => {
  const get = (text: string, payload: unknown) => compileGetter(parseSourcePath(text)!)(payload);

  it('reads own data only and never throws on odd shapes', () => {
    expect(get('a.b', { a: { b: 1 } })).toBe(1);
    expect(get('a.b.c', { a: 'text' })).toBeUndefined();
    expect(get('a[2]', { a: [1] })).toBeUndefined();
    expect(get('a[0].b', { a: { 0: { b: 1 } } })).toBeUndefined();
    expect(get('toString', {})).toBeUndefined();
    expect(get('a[*].b', { a: [{ b: [1, 2] }, { b: 3 }, {}] })).toEqual([1, 2, 3]);
    expect(get('a[*].b[*]', { a: [{ b: [1, 2] }, { b: 3 }, {}] })).toEqual([1, 2]);
  });
});

describe('payload fields', () => {
  it('lists leaves with array positions generalised, and knows which paths cover them', () => {
    const leaves = payloadLeafPaths({ 'enfant/nom': 'X', _attachments: [], data: { family: [{ n: 1 }, { n: 2 }] } });
    expect(leaves.map((l) => l.text)).toEqual(['enfant/nom', '_attachments', 'data.family[*].n', 'data.family[*].n']);
    expect(pathCovers(parseSourcePath('data.family[*]')!, leaves[2]!.segments)).toBe(true);
    expect(pathCovers(parseSourcePath('data.family[1].n')!, leaves[2]!.segments)).toBe(false);
    expect(pathCovers(parseSourcePath('data.family[1].n')!, leaves[3]!.segments)).toBe(true);
  });
});
