import { describe, expect, it } from 'vitest';
import { jaroWinkler } from '../../../../core/matching/jaro-winkler.ts';

describe('jaroWinkler', () => {
  it('reproduces the published reference values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 3);
  });

  it('is 1 for equal strings and 0 when nothing matches or a side is empty', () => {
    expect(jaroWinkler('neema', 'neema')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
});
