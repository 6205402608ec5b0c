import { describe, expect, it } from 'vitest';
import {
  bestAssignment,
  compareBirth,
  compareIdentifiers,
  compareLocation,
  compareNames,
  tokenBand,
  tokenSimilarity,
} from '../../../../core/matching/comparators.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';

describe('bestAssignment', () => {
  it('pairs each token of the smaller bag with a distinct token of the larger one', () => {
    const { pairs, similarity } = bestAssignment(['jean', 'kabasele'], ['kabasele', 'tshimanga', 'jean']);
    expect(pairs.map((p) => [p.a, p.b, p.similarity])).toEqual([
      ['jean', 'jean', 1],
      ['kabasele', 'kabasele', 1],
    ]);
    expect(similarity).toBeCloseTo(0.8, 5);
  });
});

describe('compareNames', () => {
  it('grades agreement of name bags', () => {
    expect(compareNames(['jean', 'kabasele'], ['jean', 'kabasele'])?.level).toBe('exact');
    expect(compareNames(['jean', 'kabasele'], ['jean', 'kabassele'])?.level).toBe('high');
    expect(compareNames(['jean', 'kabasele'], ['jean', 'kabasele', 'tshimanga'])?.level).toBe('contained');
    expect(compareNames(['jean', 'kabasele'], ['mbuyi', 'ngalula'])?.level).toBe('disagree');
    expect(compareNames([], ['jean'])).toBeUndefined();
  });

  it('flags one agreeing name next to a clearly different one: the siblings pattern', () => {
    const verdict = compareNames(['jean', 'kabasele'], ['kabasele', 'marie']);
    expect(verdict?.level).toBe('partial');
    expect(verdict?.differentNames).toBe(true);
    expect(compareNames(['jean', 'kabasele'], ['jean', 'kabassele'])?.differentNames).toBe(false);
  });

  it('keeps a name between the two cut-offs undecided: it neither agrees nor hides a clear difference', () => {
    // Twins, one family name typed with its first letter wrong.
    expect(tokenBand(tokenSimilarity('mwamba', 'nwamba'))).toBe('undecided');
    const twins = compareNames(['mireille', 'mwamba'], ['neema', 'nwamba']);
    expect(twins?.agreeing).toEqual([]);
    expect(twins?.differentNames).toBe(true);
    expect(compareNames(['mireille', 'mwamba'], ['mbuyi', 'neema'])?.differentNames).toBe(false);
    expect(compareNames(['mireille', 'mwamba'], ['mireille', 'mwamba'])?.agreeing).toEqual(['mireille', 'mwamba']);
  });
});

describe('compareBirth', () => {
  const exact = (y: number, m: number, d: number) => ({ year: y, month: m, day: d, slack: 0 });
  it('recognises exact dates, swapped day and month, and one slipped component', () => {
    expect(compareBirth(exact(2015, 3, 5), exact(2015, 3, 5))?.level).toBe('exact');
    expect(compareBirth(exact(2015, 3, 5), exact(2015, 5, 3))?.level).toBe('swapped');
    expect(compareBirth(exact(2015, 3, 5), exact(2016, 3, 5))?.level).toBe('two-of-three');
    expect(compareBirth(exact(2015, 3, 5), exact(2015, 8, 20))?.level).toBe('disagree');
    expect(compareBirth(exact(2015, 3, 5), exact(2014, 8, 20))?.level).toBe('disagree');
  });

  it('tells birth years further apart than the records allow (far) from a date wrong within them', () => {
    expect(compareBirth(exact(2015, 3, 5), exact(2012, 8, 20))?.level).toBe('far');
    expect(compareBirth(exact(2015, 3, 5), exact(2013, 7, 9))?.level).toBe('far');
    expect(compareBirth({ year: 2015, slack: 0 }, { year: 2017, slack: 0 })?.level).toBe('far');
    // An age is uncertain: two stated ages three years apart may still be one child, four may not.
    expect(compareBirth({ year: 2015, slack: 2 }, { year: 2018, slack: 2 })?.level).toBe('near');
    expect(compareBirth({ year: 2015, slack: 2 }, { year: 2019, slack: 2 })?.level).toBe('far');
  });

  it('compares only what both records know, with slack for ages', () => {
    expect(compareBirth({ year: 2015, slack: 0 }, exact(2015, 3, 5))?.level).toBe('year');
    expect(compareBirth({ year: 2015, month: 3, slack: 0 }, exact(2015, 3, 9))?.level).toBe('month');
    expect(compareBirth({ year: 2013, slack: 2 }, exact(2015, 3, 5))?.level).toBe('near');
    expect(compareBirth({ year: 2008, slack: 2 }, exact(2015, 3, 5))?.level).toBe('far');
    expect(compareBirth(undefined, exact(2015, 3, 5))).toBeUndefined();
  });
});

describe('compareLocation', () => {
  const at = (location: Record<string, string>) =>
    matchSubject({ name: {}, sex: 'unknown', location }, { recordId: 'r', organisationId: 'o' });
  it('agrees at the finest level both records know, spelling variants included', () => {
    expect(
      compareLocation(
        at({ territory: 'Kolwezi', locality: 'Kasapa' }),
        at({ territory: 'Kolwezy', locality: 'Kasapa' }),
      )?.level,
    ).toBe('locality');
    expect(compareLocation(at({ territory: 'Kolwezi' }), at({ territory: 'KOLWEZY', locality: 'Kasapa' }))?.level).toBe(
      'territory',
    );
    expect(compareLocation(at({ province: 'Lualaba' }), at({ province: 'Sud-Kivu' }))?.level).toBe('disagree');
    expect(compareLocation(at({ province: 'Lualaba' }), at({ locality: 'Kasapa' }))).toBeUndefined();
  });
});

describe('compareIdentifiers', () => {
  it('compares within a scheme only, and keeps a one-character slip as close', () => {
    expect(compareIdentifiers(['national_id:1234567'], ['national_id:1234567'])?.level).toBe('agree');
    expect(compareIdentifiers(['national_id:1234567'], ['national_id:1234576'])?.level).toBe('close');
    expect(compareIdentifiers(['national_id:1234567'], ['national_id:9876012'])?.level).toBe('disagree');
    expect(compareIdentifiers(['national_id:1234567'], ['primero_case:1234567'])).toBeUndefined();
  });
});
