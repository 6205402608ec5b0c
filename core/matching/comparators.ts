import { jaroWinkler } from './jaro-winkler.ts';
import { phoneticKey } from './phonetic.ts';
import type { BirthFacts, MatchSubject } from './subject.ts';

/** One field's verdict: a level that selects a Fellegi-Sunter weight, and a similarity in [0,1]. */
export interface FieldVerdict<L extends string = string> {
  level: L;
  similarity: number;
}

/** Token similarity at or above which two name tokens are taken as the same name. */
export const TOKEN_AGREES = 0.9;
/**
 * Below this, two tokens are different names (Jean and Marie), not a misspelling of one. Between the two
 * cut-offs a pair is undecided: it never counts as agreement, and it does not hide a clear difference
 * elsewhere in the name (a family name typed with one letter wrong must not switch the siblings guard off).
 */
export const TOKEN_DIFFERS = 0.85;

export type TokenBand = 'same' | 'undecided' | 'different';

export const tokenBand = (similarity: number): TokenBand =>
  similarity >= TOKEN_AGREES ? 'same' : similarity < TOKEN_DIFFERS ? 'different' : 'undecided';

/** Jaro-Winkler, raised half-way to 1 when the phonetic keys agree (Tshibangu/Chibangu, Kolwezi/Kolwezy). */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  return a.length > 2 && b.length > 2 && phoneticKey(a) === phoneticKey(b) ? Math.max(jw, (1 + jw) / 2) : jw;
}

export interface TokenPair {
  a: string;
  b: string;
  similarity: number;
}

export interface TokenAssignment {
  /** The assigned pairs, one per token of the smaller bag; `a` from the first bag, `b` from the second. */
  pairs: TokenPair[];
  /** Dice-style score: twice the sum of pair similarities over the total token count. */
  similarity: number;
}

/**
 * The assignment of the smaller bag's tokens to distinct tokens of the larger that maximises the summed
 * similarity, exact by dynamic programming over subsets (bags hold at most six tokens).
 */
export function bestAssignment(a: readonly string[], b: readonly string[]): TokenAssignment {
  // A fixed order between equal-sized bags keeps tie-breaking, hence the verdict, symmetric.
  const aFirst = a.length < b.length || (a.length === b.length && a.join(' ') <= b.join(' '));
  const [small, large] = aFirst ? [a, b] : [b, a];
  if (small.length === 0) return { pairs: [], similarity: 0 };
  const sim = small.map((s) => large.map((l) => tokenSimilarity(s, l)));
  const states = 1 << large.length;
  // best[mask]: highest sum placing the first popcount(mask) small tokens on the large tokens in mask.
  const best = new Float64Array(states).fill(-1);
  const from = new Int32Array(states).fill(-1);
  best[0] = 0;
  for (let mask = 0; mask < states; mask++) {
    const current = best[mask]!;
    if (current < 0) continue;
    const i = popcount(mask);
    if (i >= small.length) continue;
    for (let j = 0; j < large.length; j++) {
      if (mask & (1 << j)) continue;
      const next = mask | (1 << j);
      const value = current + sim[i]![j]!;
      if (value > best[next]!) {
        best[next] = value;
        from[next] = j;
      }
    }
  }
  let bestMask = -1;
  for (let mask = 0; mask < states; mask++) {
    if (popcount(mask) === small.length && (bestMask < 0 || best[mask]! > best[bestMask]!)) bestMask = mask;
  }
  const pairs: TokenPair[] = [];
  for (let mask = bestMask, i = small.length - 1; mask > 0; i--) {
    const j = from[mask]!;
    const [x, y] = aFirst ? [small[i]!, large[j]!] : [large[j]!, small[i]!];
    pairs.unshift({ a: x, b: y, similarity: sim[i]![j]! });
    mask &= ~(1 << j);
  }
  const total = pairs.reduce((s, p) => s + p.similarity, 0);
  return { pairs, similarity: Math.min(1, (2 * total) / (a.length + b.length)) };
}

function popcount(n: number): number {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
}

export type NameLevel = 'exact' | 'high' | 'contained' | 'partial' | 'weak' | 'disagree';

export interface NameVerdict extends FieldVerdict<NameLevel> {
  /**
   * Some paired name clearly differs while another does not (it agrees, or is undecided): the pattern of
   * siblings and twins. Which token is the prénom cannot be trusted (registrars swap nom and prénom
   * between fields), so any differing token counts.
   */
  differentNames: boolean;
  /**
   * Some paired name is not the same name: not equal once normalised and folded to its variant row, nor
   * equal by the phonetic key that stands for the systematic spelling shifts. Mireille and Mirabelle are
   * this (too close for `differentNames`, yet two names); so is a typo, which is why this only matters
   * where the household already says "sibling" (compare.ts).
   */
  otherNames: boolean;
  /** The tokens of the first bag whose pair agrees: what a name-frequency adjustment is about. */
  agreeing: string[];
}

/** One name written two ways, as opposed to two close names. */
const sameName = (a: string, b: string): boolean =>
  a === b || (a.length > 2 && b.length > 2 && phoneticKey(a) === phoneticKey(b));

export function compareNames(a: readonly string[], b: readonly string[]): NameVerdict | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const { pairs, similarity } = bestAssignment(a, b);
  const bands = pairs.map((p) => tokenBand(p.similarity));
  const agreeing = pairs.filter((_, i) => bands[i] === 'same').map((p) => p.a);
  const differentNames = bands.includes('different') && bands.some((band) => band !== 'different');
  const otherNames = pairs.some((p) => !sameName(p.a, p.b));
  let level: NameLevel;
  if (agreeing.length === pairs.length) {
    // One name that agrees inside a longer one ("Jean" in "Jean Mukendi") is no more than partial.
    if (a.length !== b.length) level = pairs.length >= 2 ? 'contained' : 'partial';
    else level = pairs.every((p) => p.similarity === 1) ? 'exact' : 'high';
  } else if (agreeing.length > 0) level = 'partial';
  else level = similarity >= 0.75 ? 'weak' : 'disagree';
  return { level, similarity, differentNames, otherNames, agreeing };
}

/**
 * `far`: the years are further apart than both records' uncertainty allows. A child's age is among the
 * strongest facts about them (a four-year-old is not an eight-year-old), so this level weighs heavily
 * against, and the children profile never links on it alone (decide.ts).
 */
export type BirthLevel =
  'exact' | 'swapped' | 'two-of-three' | 'month' | 'year' | 'close' | 'near' | 'disagree' | 'far';

/** How far apart two recorded birth years may be and still be one child. */
const yearTolerance = (a: BirthFacts, b: BirthFacts): number => Math.min(3, Math.max(1, a.slack + b.slack));

/**
 * The birth years are further apart than both records' uncertainty allows, whatever else agrees: a day
 * and month in common with years three apart is a year typed wrong, or a brother born on the same day.
 */
export const yearsApart = (a: BirthFacts | undefined, b: BirthFacts | undefined): boolean =>
  a !== undefined && b !== undefined && Math.abs(a.year - b.year) > yearTolerance(a, b);

export function compareBirth(
  a: BirthFacts | undefined,
  b: BirthFacts | undefined,
): FieldVerdict<BirthLevel> | undefined {
  if (!a || !b) return undefined;
  const dy = Math.abs(a.year - b.year);
  const tolerance = yearTolerance(a, b);
  const estimated = a.slack > 0 || b.slack > 0;
  // Within an estimate's uncertainty a year apart is still likely one child; two years apart much less.
  const near = (): FieldVerdict<BirthLevel> =>
    dy > tolerance
      ? { level: 'far', similarity: 0 }
      : { level: estimated && dy === 1 ? 'close' : 'near', similarity: 1 - dy / (tolerance + 1) };
  if (a.day !== undefined && b.day !== undefined && a.month !== undefined && b.month !== undefined) {
    const sameYear = dy === 0;
    const sameMonth = a.month === b.month;
    const sameDay = a.day === b.day;
    if (sameYear && sameMonth && sameDay) return { level: 'exact', similarity: 1 };
    if (sameYear && a.month === b.day && a.day === b.month) return { level: 'swapped', similarity: 0.8 };
    if (Number(sameYear) + Number(sameMonth) + Number(sameDay) === 2) return { level: 'two-of-three', similarity: 0.6 };
    return { level: dy > tolerance ? 'far' : 'disagree', similarity: 0 };
  }
  if (a.month !== undefined && b.month !== undefined) {
    if (dy === 0 && a.month === b.month) return { level: 'month', similarity: 1 };
    return dy === 0 ? { level: 'year', similarity: 0.6 } : near();
  }
  if (dy === 0) return { level: 'year', similarity: 1 };
  return near();
}

export type LocationLevel = 'locality' | 'territory' | 'province' | 'disagree';

/** Agreement at the finest administrative level both records know; disagreement only where both know. */
export function compareLocation(a: MatchSubject, b: MatchSubject): FieldVerdict<LocationLevel> | undefined {
  if (a.country && b.country && a.country !== b.country) return { level: 'disagree', similarity: 0 };
  const levels = [
    ['locality', a.locality, b.locality],
    ['territory', a.territory, b.territory],
    ['province', a.province, b.province],
  ] as const;
  let known = false;
  for (const [level, x, y] of levels) {
    if (!x || !y) continue;
    known = true;
    if (jaroWinkler(x, y) >= TOKEN_AGREES) {
      return { level, similarity: level === 'locality' ? 1 : level === 'territory' ? 0.7 : 0.4 };
    }
  }
  return known ? { level: 'disagree', similarity: 0 } : undefined;
}

export type AgreementLevel = 'agree' | 'partial' | 'disagree';

export function compareAddress(
  a: readonly string[],
  b: readonly string[],
): FieldVerdict<'high' | 'medium' | 'disagree'> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const { similarity } = bestAssignment(a, b);
  return { level: similarity >= 0.9 ? 'high' : similarity >= 0.7 ? 'medium' : 'disagree', similarity };
}

export function compareCaregivers(
  a: readonly string[][],
  b: readonly string[][],
): FieldVerdict<AgreementLevel> | undefined {
  let best: NameVerdict | undefined;
  for (const x of a) {
    for (const y of b) {
      const verdict = compareNames(x, y);
      if (verdict && (!best || verdict.similarity > best.similarity)) best = verdict;
    }
  }
  if (!best) return undefined;
  const level: AgreementLevel = ['exact', 'high', 'contained'].includes(best.level)
    ? 'agree'
    : best.level === 'partial'
      ? 'partial'
      : 'disagree';
  return { level, similarity: best.similarity };
}

export function compareSets(
  a: readonly string[],
  b: readonly string[],
): FieldVerdict<'agree' | 'disagree'> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  return a.some((x) => b.includes(x)) ? { level: 'agree', similarity: 1 } : { level: 'disagree', similarity: 0 };
}

/**
 * Identifiers compare only within a scheme: a national id and a UNHCR number say nothing about each
 * other. A one-character slip keeps most of the evidence.
 */
export function compareIdentifiers(
  a: readonly string[],
  b: readonly string[],
): FieldVerdict<'agree' | 'close' | 'disagree'> | undefined {
  let verdict: FieldVerdict<'agree' | 'close' | 'disagree'> | undefined;
  for (const x of a) {
    const scheme = x.slice(0, x.indexOf(':') + 1);
    for (const y of b) {
      if (!y.startsWith(scheme)) continue;
      if (x === y) return { level: 'agree', similarity: 1 };
      const close = jaroWinkler(x.slice(scheme.length), y.slice(scheme.length)) >= 0.9;
      if (close) verdict = { level: 'close', similarity: 0.8 };
      else verdict ??= { level: 'disagree', similarity: 0 };
    }
  }
  return verdict;
}

export function compareSex(
  a: MatchSubject['sex'],
  b: MatchSubject['sex'],
): FieldVerdict<'agree' | 'disagree'> | undefined {
  if (!a || !b) return undefined;
  return a === b ? { level: 'agree', similarity: 1 } : { level: 'disagree', similarity: 0 };
}
