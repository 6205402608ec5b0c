import type { Comparison } from './compare.ts';
import { DEFAULT_PROFILE, type MatchProfile } from './profiles.ts';

export type Outcome = 'link' | 'review' | 'new';

/** What decide needs of a profile. */
export type DecisionRules = Pick<MatchProfile, 'link' | 'review' | 'guards'>;

/**
 * Why a pair that scored as a link was held back for review, or refused:
 * - `same-household`: a caregiver or phone is shared, and the names, the sex or the ages are not one child's;
 * - `different-names`: one name agrees or is undecided while another clearly differs (siblings, twins);
 * - `birth-apart`: the birth years are further apart than the records' uncertainty allows;
 * - `declared-different`: a person said these records are different children.
 */
export type Guard = 'same-household' | 'different-names' | 'birth-apart' | 'declared-different';

export interface Decision {
  outcome: Outcome;
  comparison: Comparison;
  guard?: Guard;
}

/**
 * A link needs the score AND, under a guarded profile, none of the patterns of two children of one family:
 * such a pair is at most a review item, however much else (caregiver, phone, village, even a twin's birth
 * date) it shares. Only an agreeing personal identifier (see identifiers.ts: never a household or case
 * number, which siblings share, and never a "close" one: twins get consecutive numbers) lifts the guards.
 */
export function decide(
  comparison: Comparison,
  rules: DecisionRules = DEFAULT_PROFILE,
  declaredDifferent = false,
): Decision {
  if (declaredDifferent) return { outcome: 'new', comparison, guard: 'declared-different' };
  if (comparison.score >= rules.link) {
    const guard = rules.guards && !comparison.personalIdentifierAgrees ? guardOf(comparison) : undefined;
    return guard ? { outcome: 'review', comparison, guard } : { outcome: 'link', comparison };
  }
  return { outcome: comparison.score >= rules.review ? 'review' : 'new', comparison };
}

function guardOf(comparison: Comparison): Guard | undefined {
  if (comparison.householdConflict) return 'same-household';
  if (comparison.differentNames) return 'different-names';
  if (comparison.birthApart) return 'birth-apart';
  return undefined;
}
