import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimiseSample } from '../../../core/mapping/minimise-sample.ts';
import type { Mapping } from '../../../schemas/mapping/language.ts';
import { jsonShape } from '../../fixtures/mapping/json-shape.ts';

/**
 * Payloads mixing code-list answers, personal strings, dates, numbers and nesting, over a mapping whose
 * code lists are drawn too. Personal strings always hold a character no kept value can hold (an upper-case
 * letter other than T, X and Z, which dates and masks use, or a "+" and a non-zero digit): so finding one
 * anywhere in the output would mean it survived.
 */
const CODE_KEYS = ['q/sexe', 'q/lien', 'q/statut'] as const;
const codeList = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}(_[a-z]{1,5})?$/), { minLength: 1, maxLength: 6 });
const codeLists = fc.tuple(codeList, codeList, codeList);

const TELL = [...'ABCDEFGHIJKLMNOPQRSUVWY'];
const namelike = fc
  .tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(...TELL), fc.string({ maxLength: 8 }))
  .map(([a, b, c]) => a + b + c);
const phonelike = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.constantFrom(...'0123456789 '), { maxLength: 12 }))
  .map(([d, rest]) => `+${d}${rest.join('')}`);
const personal = fc.oneof(namelike, phonelike);
const isoDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

type Leaf = { kind: 'personal' | 'date' | 'other' | 'number'; value: unknown } | { kind: 'code'; value: string };

function mappingFor(lists: readonly string[][]): Mapping {
  const fields: Mapping['fields'] = {
    '/sourceRecordId': { from: 'id', required: true },
    '/case/status': { value: 'open' },
  };
  const targets = ['/person/sex', '/person/caregivers/0/relationship', '/case/displacementStatus'];
  CODE_KEYS.forEach((key, i) => {
    fields[targets[i]!] = {
      from: key,
      transforms: [
        { map: { values: Object.fromEntries(lists[i]!.map((c) => [c, 'other'])), default: null, unmapped: 'warn' } },
      ],
    };
  });
  return { id: 'property-sample', tool: 'kobotoolbox', fields };
}

/** A payload built from tagged leaves, and the tags by JSON pointer, so each output leaf can be judged. */
const payloadFor = (lists: readonly string[][]) => {
  const leaf: fc.Arbitrary<Leaf> = fc.oneof(
    personal.map((value) => ({ kind: 'personal' as const, value })),
    isoDate.map((value) => ({ kind: 'date' as const, value })),
    fc.integer().map((value) => ({ kind: 'number' as const, value })),
    fc.oneof(fc.boolean(), fc.constant(null)).map((value) => ({ kind: 'other' as const, value })),
  );
  const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, leaf, tie('node')),
    node: fc.oneof(
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.stringMatching(/^[a-z_/]{1,10}$/), tie('tree'), { maxKeys: 4 }),
    ),
  }));
  const codeAnswers = fc.tuple(
    ...CODE_KEYS.map((_, i) =>
      fc.option(
        fc.constantFrom(...lists[i]!).map((value): Leaf => ({ kind: 'code', value })),
        { nil: undefined },
      ),
    ),
  );
  return fc
    .tuple(fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), tree, { maxKeys: 8 }), codeAnswers)
    .map(([free, codes]) => {
      const tagged: Record<string, unknown> = { ...free, id: { kind: 'personal', value: 'ID-K7' } };
      CODE_KEYS.forEach((key, i) => {
        if (codes[i]) tagged[key] = codes[i];
      });
      return tagged;
    });
};

const isLeaf = (v: unknown): v is Leaf =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && 'value' in v;

type Path = ReadonlyArray<string | number>;

/** The payload as sent (tags removed), and every leaf with its path (keys may hold slashes). */
function untag(tagged: unknown, path: Path, leaves: Array<[Path, Leaf]>): unknown {
  if (isLeaf(tagged)) {
    leaves.push([path, tagged]);
    return tagged.value;
  }
  if (Array.isArray(tagged)) return tagged.map((v, i) => untag(v, [...path, i], leaves));
  if (tagged && typeof tagged === 'object')
    return Object.fromEntries(Object.entries(tagged).map(([k, v]) => [k, untag(v, [...path, k], leaves)]));
  return tagged;
}

function at(document: unknown, path: Path): unknown {
  let current = document;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

const cases = codeLists.chain((lists) => fc.tuple(fc.constant(lists), payloadFor(lists)));

describe('minimising samples, on arbitrary payloads', () => {
  it('lets no personal string survive anywhere in the output', () => {
    fc.assert(
      fc.property(cases, ([lists, tagged]) => {
        const leaves: Array<[Path, Leaf]> = [];
        const payload = untag(tagged, [], leaves);
        const text = JSON.stringify(minimiseSample(payload, mappingFor(lists)));
        for (const [, leaf] of leaves)
          if (leaf.kind === 'personal') expect(text).not.toContain(JSON.stringify(leaf.value).slice(1, -1));
        for (const tell of TELL) expect(text).not.toContain(tell);
      }),
      { numRuns: 100 },
    );
  });

  // The mapping reads `id` and the code keys, each a value or a list of values.
  const readByMapping = (pointer: Path) =>
    ['id', ...CODE_KEYS].includes(String(pointer[0])) &&
    (pointer.length === 1 || (pointer.length === 2 && typeof pointer[1] === 'number'));

  it('keeps the same keys and shape, booleans and null, numbers where the mapping reads them (0 elsewhere), and masks each personal string in place', () => {
    fc.assert(
      fc.property(cases, ([lists, tagged]) => {
        const leaves: Array<[Path, Leaf]> = [];
        const payload = untag(tagged, [], leaves);
        const out = minimiseSample(payload, mappingFor(lists));
        expect(jsonShape(out)).toEqual(jsonShape(payload));
        for (const [pointer, leaf] of leaves) {
          const got = at(out, pointer);
          if (leaf.kind === 'other') expect(got).toBe(leaf.value);
          if (leaf.kind === 'number') expect(got).toBe(readByMapping(pointer) ? leaf.value : 0);
          if (leaf.kind === 'personal') expect(got).toMatch(/^[^\p{L}\p{N}]*(?:[xX0]+[^\p{L}\p{N}]*)*$/u);
          if (leaf.kind === 'date') expect(got).toBe(`${(leaf.value as string).slice(0, 4)}-01-01`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every code-list value where the mapping reads it', () => {
    fc.assert(
      fc.property(cases, ([lists, tagged]) => {
        const leaves: Array<[Path, Leaf]> = [];
        const out = minimiseSample(untag(tagged, [], leaves), mappingFor(lists));
        for (const [pointer, leaf] of leaves) if (leaf.kind === 'code') expect(at(out, pointer)).toBe(leaf.value);
      }),
      { numRuns: 100 },
    );
  });
});
