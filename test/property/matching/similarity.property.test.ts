import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../core/matching/comparators.ts';
import { compareSubjects } from '../../../core/matching/compare.ts';
import { matchSubject } from '../../../core/matching/subject.ts';
import type { Person } from '../../../schemas/canonical/person.ts';
import { NOMS, POSTNOMS, PRENOMS } from '../../fixtures/registry/households.ts';

const nameArb = fc.constantFrom(
  ...NOMS,
  ...POSTNOMS,
  ...PRENOMS,
  "N'Diaye",
  'Ng’ang’a',
  'Jean-Pierre',
  'Élie',
  'Bénédicte',
);

/** The same tokens written differently: another order, case, accents dropped, apostrophes dropped, hyphens as spaces. */
const rewrite = (tokens: string[], order: number[], style: number): string[] =>
  order.map((i) => {
    const t = tokens[i]!;
    const plain = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return [t.toUpperCase(), plain.toLowerCase(), plain.replace(/['’]/g, ''), plain.replace(/-/g, ' ')][style % 4]!;
  });

const bag = (...parts: string[]) =>
  matchSubject({ name: { family: parts.join(' ') }, sex: 'unknown' }, { recordId: 'r', organisationId: 'o' }).names;

const personArb: fc.Arbitrary<Person> = fc.record({
  name: fc.record({ family: nameArb, given: nameArb, middle: fc.option(nameArb, { nil: undefined }) }),
  sex: fc.constantFrom('female', 'male', 'unknown'),
  birthDate: fc.option(
    fc.constantFrom<Person['birthDate']>(
      { value: '2015-03-04', precision: 'exact' },
      { value: '2015', precision: 'year' },
      { value: '2012', precision: 'estimated' },
    ),
    { nil: undefined },
  ),
  phones: fc.option(fc.constantFrom(['+243812345678'], ['+25779123456']), { nil: undefined }),
  location: fc.option(
    fc.record({
      territory: fc.constantFrom('Kolwezi', 'Kolwezy', 'Goma'),
      locality: fc.constantFrom('Kasapa', 'Himbi'),
    }),
    { nil: undefined },
  ),
}) as fc.Arbitrary<Person>;

describe('property 20: name comparison ignores order, case, diacritics, apostrophes and hyphens', () => {
  it('gives an exact match for any rewriting of the same names', () => {
    fc.assert(
      fc.property(
        fc.array(nameArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer(),
        (tokens, style, seed) => {
          const order = tokens.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
          const verdict = compareNames(bag(...tokens), bag(...rewrite(tokens, order, style)));
          expect(verdict?.level).toBe('exact');
          expect(verdict?.similarity).toBe(1);
        },
      ),
    );
  });
});

describe('property 21: similarity is symmetric, within [0,1], and 1 against itself', () => {
  it('holds for any two persons', () => {
    fc.assert(
      fc.property(personArb, personArb, (x, y) => {
        const a = matchSubject(x, { recordId: 'a', organisationId: 'o' });
        const b = matchSubject(y, { recordId: 'b', organisationId: 'o' });
        const ab = compareSubjects(a, b);
        const ba = compareSubjects(b, a);
        expect(ab.similarity).toBeGreaterThanOrEqual(0);
        expect(ab.similarity).toBeLessThanOrEqual(1);
        expect(ba.similarity).toBeCloseTo(ab.similarity, 12);
        expect(ba.score).toBeCloseTo(ab.score, 12);
        expect(compareSubjects(a, { ...a, recordId: 'copy' }).similarity).toBe(1);
      }),
    );
  });
});
