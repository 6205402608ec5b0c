import { describe, expect, it } from 'vitest';
import { nameTokens, normaliseText, phoneKey } from '../../../../core/matching/normalise.ts';
import { phoneticKey } from '../../../../core/matching/phonetic.ts';
import { canonicalSpelling } from '../../../../core/matching/variants.ts';

describe('normaliseText', () => {
  it('drops case, diacritics and apostrophes and turns hyphens into spaces', () => {
    expect(normaliseText("Élie N'Diaye-KABASELE")).toBe('elie ndiaye kabasele');
    expect(normaliseText('  Dieudonné   Ng’ang’a ')).toBe('dieudonne nganga');
  });
});

describe('nameTokens', () => {
  it('puts every name part into one bag of tokens', () => {
    expect(nameTokens('KABASELE', 'Tshimanga', 'Jean-Pierre')).toEqual(['kabasele', 'tshimanga', 'jean', 'pierre']);
    expect(nameTokens(undefined, '')).toEqual([]);
  });
});

describe('phoneKey', () => {
  it('keeps the last nine digits so that +243, 00243 and 0 prefixes agree', () => {
    expect(phoneKey('+243812345678')).toBe('812345678');
    expect(phoneKey('00243 812 345 678')).toBe('812345678');
    expect(phoneKey('123')).toBeUndefined();
  });
});

describe('canonicalSpelling', () => {
  it('folds spellings listed in the variant table to the first one of their row', () => {
    expect(canonicalSpelling('chibangu')).toBe('tshibangu');
    expect(canonicalSpelling('kolwezy')).toBe('kolwezi');
    expect(canonicalSpelling('unlisted')).toBe('unlisted');
  });
});

describe('phoneticKey', () => {
  it('gives the same key to francophone transcriptions of one name', () => {
    expect(phoneticKey('tshimanga')).toBe(phoneticKey('chimanga'));
    expect(phoneticKey('mukendi')).toBe(phoneticKey('moukendi'));
    expect(phoneticKey('mukendi')).toBe(phoneticKey('mukendy'));
    expect(phoneticKey('kalonji')).toBe(phoneticKey('kalondji'));
    expect(phoneticKey('kabasele')).toBe(phoneticKey('kabassele'));
    expect(phoneticKey('irakoze')).toBe(phoneticKey('iracoze'));
  });

  it('keeps different names apart', () => {
    expect(phoneticKey('kabasele')).not.toBe(phoneticKey('kasongo'));
    expect(phoneticKey('nduwimana')).not.toBe(phoneticKey('niyonzima'));
  });
});
