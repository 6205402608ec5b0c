import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../bench/support/random.ts';
import { draws, zipfSampler } from '../../../../bench/dedup/zipf.ts';

describe('zipfSampler', () => {
  it('draws rank r about 1/r as often as rank 1 with exponent 1', () => {
    const draw = zipfSampler(['a', 'b', 'c', 'd'], seededRandom(1), { exponent: 1 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const x = draw();
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const a = counts.get('a')!;
    expect(a / counts.get('b')!).toBeCloseTo(2, 1);
    expect(a / counts.get('d')!).toBeCloseTo(4, 0);
  });

  it('flattens the head with an offset: rank 1 against rank 2 is (2 + q) / (1 + q)', () => {
    const draw = zipfSampler(['a', 'b', 'c'], seededRandom(2), { exponent: 1, offset: 3 });
    let a = 0;
    let b = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = draw();
      if (x === 'a') a++;
      if (x === 'b') b++;
    }
    expect(a / b).toBeCloseTo(5 / 4, 1);
  });

  it('refuses an empty list', () => {
    expect(() => zipfSampler([], seededRandom(3))).toThrow();
  });
});

describe('draws', () => {
  it('keeps integers within both bounds and draws outcomes by weight', () => {
    const d = draws(seededRandom(4));
    const ints = Array.from({ length: 1_000 }, () => d.int(1, 3));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
    const heads = Array.from({ length: 10_000 }, () =>
      d.oneOf([
        ['h', 3],
        ['t', 1],
      ] as const),
    ).filter((x) => x === 'h');
    expect(heads.length / 10_000).toBeCloseTo(0.75, 1);
  });
});
