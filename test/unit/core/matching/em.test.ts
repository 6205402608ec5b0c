import { describe, expect, it } from 'vitest';
import { estimateWeights } from '../../../../core/matching/em.ts';

const start = {
  name: { agree: { m: 0.6, u: 0.4 }, disagree: { m: 0.4, u: 0.6 } },
  birth: { agree: { m: 0.6, u: 0.4 }, disagree: { m: 0.4, u: 0.6 } },
  place: { agree: { m: 0.6, u: 0.4 }, disagree: { m: 0.4, u: 0.6 } },
};

/** Pairs drawn from known m and u: 20 % true pairs agreeing on each field 90 % of the time, strangers 10 %. */
function sample(count: number): Array<Record<string, string>> {
  let seed = 42;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  return Array.from({ length: count }, () => {
    const match = rnd() < 0.2;
    const level = () => (rnd() < (match ? 0.9 : 0.1) ? 'agree' : 'disagree');
    return { name: level(), birth: level(), place: level() };
  });
}

describe('estimateWeights', () => {
  it('recovers m, u and the share of true pairs from unlabelled pairs', () => {
    const estimate = estimateWeights(sample(5_000), start, { matchShare: 0.5 });
    expect(estimate.matchShare).toBeCloseTo(0.2, 1);
    for (const field of ['name', 'birth', 'place']) {
      expect(estimate.probabilities[field]!.agree!.m).toBeCloseTo(0.9, 1);
      expect(estimate.probabilities[field]!.agree!.u).toBeCloseTo(0.1, 1);
    }
  });
});
