import { describe, expect, it } from 'vitest';
import { caseAs, hyphenVariant, shiftSpelling, stripAccents, typo } from '../../../../bench/dedup/spelling.ts';
import { seededRandom } from '../../../../bench/support/random.ts';

describe('spelling noise', () => {
  it('makes the francophone transcription shifts: tsh/ch, u/ou, final i/y', () => {
    const random = seededRandom(1);
    const variants = (name: string) => new Set(Array.from({ length: 200 }, () => shiftSpelling(name, random)));
    expect(variants('Tshibangu')).toContain('Chibangu');
    expect(variants('Mukendi')).toContain('Moukendi');
    expect(variants('Mukendi')).toContain('Mukendy');
    expect(variants('Chanda')).toContain('Tshanda');
  });

  it('makes one keyboard slip at most, never at the first letter, never an empty name', () => {
    const random = seededRandom(2);
    for (let i = 0; i < 500; i++) {
      const out = typo('Kabasele', random);
      expect(out[0]).toBe('K');
      expect(Math.abs(out.length - 'Kabasele'.length)).toBeLessThanOrEqual(1);
    }
    expect(typo('Ana', random)).toBe('Ana');
  });

  it('writes case, accents and hyphens the ways registers do', () => {
    expect(caseAs('jean-pierre kabasele', 'title')).toBe('Jean-Pierre Kabasele');
    expect(caseAs('Grâce', 'upper')).toBe('GRÂCE');
    expect(stripAccents('Dieudonné Élie')).toBe('Dieudonne Elie');
    const random = seededRandom(3);
    const forms = new Set(Array.from({ length: 100 }, () => hyphenVariant('Jean-Pierre', random)));
    expect(forms).toEqual(new Set(['Jean Pierre', 'JeanPierre', 'Jean-pierre']));
    expect(hyphenVariant('Jean', random)).toBe('Jean');
  });
});
