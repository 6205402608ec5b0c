import type { Comparison } from './compare.ts';

export type Outcome = 'link' | 'review' | 'new';

/** Scores (log2 likelihood ratio) at which a pair is linked, or sent to a person for review. */
export interface Thresholds {
  link: number;
  review: number;
  /**
   * The siblings guard (see decide). Always on for children's data; the FEBRL benchmark also reports
   * a run without it, because FEBRL's corruption model replaces given names at random, which makes its
   * duplicates look exactly like twins.
   */
  siblingsGuard?: boolean;
}

/**
 * With a prior of about one true pair in 10,000 candidate pairs, 2^20 odds put the posterior above
 * 0.99; the review band starts where a true pair becomes as likely as not to hide among the candidates.
 * Tuned on FEBRL and on the francophone set (bench/dedup), where review precision matters less than
 * link precision.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { link: 12, review: 5, siblingsGuard: true };

export type Guard = 'different-names' | 'declared-different';

export interface Decision {
  outcome: Outcome;
  comparison: Comparison;
  /** Why a pair that scored as a link was held back for review, or refused. */
  guard?: Guard;
}

/**
 * A link needs the score AND the absence of the siblings pattern: when one name agrees and another
 * clearly differs, the records are at most a review item, however much else (caregiver, phone, village,
 * even a twin's birth date) they share. Only an agreeing personal identifier (see identifiers.ts: never a
 * household or case number, which siblings share) lifts that guard.
 */
export function decide(
  comparison: Comparison,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  declaredDifferent = false,
): Decision {
  if (declaredDifferent) return { outcome: 'new', comparison, guard: 'declared-different' };
  if (comparison.score >= thresholds.link) {
    const held =
      thresholds.siblingsGuard !== false && comparison.differentNames && !comparison.personalIdentifierAgrees;
    return held ? { outcome: 'review', comparison, guard: 'different-names' } : { outcome: 'link', comparison };
  }
  return { outcome: comparison.score >= thresholds.review ? 'review' : 'new', comparison };
}
