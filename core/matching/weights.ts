import * as z from 'zod';

/**
 * Fellegi-Sunter probabilities per field and level: m = P(level | same child), u = P(level | different
 * children). The weight of a level is log2(m/u); a missing field weighs 0.
 *
 * Defaults and where they come from (documented so that anyone can challenge them):
 * - u for names: the share of random pairs of children whose name bags agree at that level, taken from
 *   the francophone generator's frequency of shared family names (about 1 in 1,000 full-bag agreement)
 *   and from FEBRL surname frequencies; m: registrars misspell or drop a name in about a quarter of
 *   records (FEBRL corruptions and field reports of post-nom omission).
 * - u for birth dates: one day among the ~6,600 days of childhood (exact), one in ~200 (month), one year
 *   in ~15 (year-only records); m: 85 % of exact dates agree, 2 % are day/month swaps, 10 % carry one
 *   slip in a component. `far` (years further apart than the records' uncertainty) is most random pairs
 *   of children (u 0.67) and almost never one child (m 0.004: a year typed wrong by more than one),
 *   about -7.4 bits; `disagree` is a full date wrong in two parts but within that uncertainty.
 * - identifiers and phones: u is the collision rate of the number space (tiny), m the typo rate.
 * - sex: u one half; m 97 % (data-entry errors).
 * - location: u is the share of children sharing a locality/territory/province in a district caseload.
 * `estimateWeights` (em.ts) re-estimates these from unlabelled candidate pairs; the defaults are its start.
 */
export const LevelProbability = z.strictObject({ m: z.number().gt(0).max(1), u: z.number().gt(0).max(1) });
export const FieldWeights = z.record(z.string(), z.record(z.string(), LevelProbability).readonly()).readonly();

export type LevelProbability = z.infer<typeof LevelProbability>;
export type FieldWeights = z.infer<typeof FieldWeights>;

export const DEFAULT_PROBABILITIES = {
  name: {
    exact: { m: 0.7, u: 0.0005 },
    high: { m: 0.15, u: 0.001 },
    contained: { m: 0.2, u: 0.002 },
    partial: { m: 0.04, u: 0.03 },
    weak: { m: 0.02, u: 0.05 },
    disagree: { m: 0.01, u: 0.9155 },
  },
  birth: {
    exact: { m: 0.85, u: 0.0002 },
    swapped: { m: 0.02, u: 0.0002 },
    'two-of-three': { m: 0.1, u: 0.004 },
    month: { m: 0.8, u: 0.006 },
    year: { m: 0.7, u: 0.07 },
    close: { m: 0.33, u: 0.105 },
    near: { m: 0.1, u: 0.19 },
    disagree: { m: 0.02, u: 0.1 },
    far: { m: 0.004, u: 0.67 },
  },
  sex: {
    agree: { m: 0.97, u: 0.5 },
    disagree: { m: 0.03, u: 0.5 },
  },
  location: {
    locality: { m: 0.6, u: 0.02 },
    territory: { m: 0.2, u: 0.05 },
    province: { m: 0.15, u: 0.2 },
    disagree: { m: 0.05, u: 0.73 },
  },
  address: {
    high: { m: 0.8, u: 0.001 },
    medium: { m: 0.12, u: 0.01 },
    disagree: { m: 0.08, u: 0.989 },
  },
  caregiver: {
    agree: { m: 0.8, u: 0.01 },
    partial: { m: 0.1, u: 0.1 },
    disagree: { m: 0.1, u: 0.89 },
  },
  phone: {
    agree: { m: 0.7, u: 0.001 },
    disagree: { m: 0.3, u: 0.999 },
  },
  identifier: {
    agree: { m: 0.95, u: 0.00001 },
    close: { m: 0.03, u: 0.0001 },
    disagree: { m: 0.02, u: 0.99989 },
  },
} as const satisfies FieldWeights;

/**
 * For children's records (the children profile): m and u measured on the candidate pairs blocking lets
 * through, in a labelled run of the francophone population benchmark (bench/dedup/population.ts, seed
 * 777, 10,000 children, 1,061,030 candidate pairs of which 9,924 true; the benchmark itself is scored on
 * another seed), then moderated where the generator is cleaner than field data: it never types a wrong
 * sex or a wrong caregiver, so those disagreements keep the weight of real entry errors (-3.6, -4.4
 * bits) instead of the measured -15. Measured among candidates, u is what the decision faces: blocking has
 * already kept only children of close names and years, which is why a birth year in common is worth
 * 0.6 bits here and 3.3 in the defaults, and a partial name -3.1 instead of +0.4.
 */
export const CHILDREN_PROBABILITIES = {
  ...DEFAULT_PROBABILITIES,
  name: {
    exact: { m: 0.34, u: 0.0002 },
    high: { m: 0.27, u: 0.0003 },
    contained: { m: 0.3, u: 0.0025 },
    partial: { m: 0.07, u: 0.6 },
    weak: { m: 0.005, u: 0.01 },
    disagree: { m: 0.005, u: 0.07 },
  },
  birth: {
    exact: { m: 0.15, u: 0.001 },
    swapped: { m: 0.005, u: 0.0003 },
    'two-of-three': { m: 0.01, u: 0.004 },
    month: { m: 0.04, u: 0.0005 },
    year: { m: 0.34, u: 0.22 },
    close: { m: 0.35, u: 0.42 },
    near: { m: 0.094, u: 0.26 },
    disagree: { m: 0.002, u: 0.045 },
    far: { m: 0.015, u: 0.08 },
  },
  sex: {
    agree: { m: 0.95, u: 0.68 },
    disagree: { m: 0.02, u: 0.25 },
  },
  location: {
    locality: { m: 0.49, u: 0.023 },
    territory: { m: 0.22, u: 0.065 },
    province: { m: 0.01, u: 0.03 },
    disagree: { m: 0.01, u: 0.63 },
  },
  caregiver: {
    agree: { m: 0.33, u: 0.0073 },
    partial: { m: 0.11, u: 0.021 },
    disagree: { m: 0.02, u: 0.43 },
  },
  phone: {
    agree: { m: 0.31, u: 0.011 },
    disagree: { m: 0.06, u: 0.35 },
  },
} as const satisfies FieldWeights;

export type MatchField = keyof typeof DEFAULT_PROBABILITIES;

export const weightOf = (p: LevelProbability): number => Math.log2(p.m / p.u);
