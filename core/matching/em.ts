import type { FieldWeights, LevelProbability } from './weights.ts';

/** The levels one candidate pair reached, field by field (missing fields left out). */
export type LevelVector = Readonly<Record<string, string>>;

export interface Estimate {
  probabilities: FieldWeights;
  /** Estimated share of true pairs among the candidate pairs. */
  matchShare: number;
  iterations: number;
}

const FLOOR = 1e-6;

/**
 * Expectation-maximisation for Fellegi-Sunter (Winkler 1988) on unlabelled candidate pairs: starting
 * from the documented defaults, alternately scores each pair's probability of being a true pair and
 * re-estimates m and u per field level from those probabilities, under the usual assumption that
 * fields are independent given the match status. Levels never seen keep a small floor so that their
 * weight stays finite. A tool, not the default: on children's data the strongest latent class is the
 * household (siblings share caregiver, phone, place and family name), and EM converges on it; the
 * dedup benchmark shows it linking siblings, so the registry keeps the documented defaults.
 */
export function estimateWeights(
  vectors: readonly LevelVector[],
  start: FieldWeights,
  options: { matchShare?: number; iterations?: number; tolerance?: number } = {},
): Estimate {
  let probabilities = start;
  let matchShare = options.matchShare ?? 0.1;
  const maxIterations = options.iterations ?? 50;
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    const posteriors = vectors.map((v) => posterior(v, probabilities, matchShare));
    const next = maximise(vectors, posteriors, start);
    const nextShare = posteriors.reduce((s, g) => s + g, 0) / Math.max(1, posteriors.length);
    const change = Math.abs(nextShare - matchShare);
    probabilities = next;
    matchShare = Math.min(1 - FLOOR, Math.max(FLOOR, nextShare));
    if (change < (options.tolerance ?? 1e-6)) break;
  }
  return { probabilities, matchShare, iterations: iteration + 1 };
}

function posterior(vector: LevelVector, probabilities: FieldWeights, share: number): number {
  let logMatch = Math.log(share);
  let logNon = Math.log(1 - share);
  for (const [field, level] of Object.entries(vector)) {
    const p = probabilities[field]?.[level];
    if (!p) continue;
    logMatch += Math.log(p.m);
    logNon += Math.log(p.u);
  }
  const top = Math.max(logMatch, logNon);
  const a = Math.exp(logMatch - top);
  return a / (a + Math.exp(logNon - top));
}

function maximise(vectors: readonly LevelVector[], posteriors: readonly number[], shape: FieldWeights): FieldWeights {
  const result: Record<string, Record<string, LevelProbability>> = {};
  for (const [field, levels] of Object.entries(shape)) {
    const m: Record<string, number> = {};
    const u: Record<string, number> = {};
    let totalM = 0;
    let totalU = 0;
    vectors.forEach((v, i) => {
      const level = v[field];
      if (level === undefined || !(level in levels)) return;
      const g = posteriors[i]!;
      m[level] = (m[level] ?? 0) + g;
      u[level] = (u[level] ?? 0) + (1 - g);
      totalM += g;
      totalU += 1 - g;
    });
    result[field] = Object.fromEntries(
      Object.keys(levels).map((level) => [
        level,
        {
          m: Math.max(FLOOR, totalM > 0 ? (m[level] ?? 0) / totalM : levels[level]!.m),
          u: Math.max(FLOOR, totalU > 0 ? (u[level] ?? 0) / totalU : levels[level]!.u),
        },
      ]),
    );
  }
  return result;
}
