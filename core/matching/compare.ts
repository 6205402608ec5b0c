import type { FieldExplanation } from '../../schemas/api/persons.ts';
import {
  type FieldVerdict,
  type NameVerdict,
  compareAddress,
  compareBirth,
  compareCaregivers,
  compareIdentifiers,
  compareLocation,
  compareNames,
  compareSets,
  compareSex,
  yearsApart,
} from './comparators.ts';
import { sharesPersonalIdentifier } from './identifiers.ts';
import type { MatchSubject } from './subject.ts';
import { DEFAULT_PROBABILITIES, type FieldWeights, type MatchField, weightOf } from './weights.ts';

export interface Comparison {
  /** Sum of the field weights (log2 likelihood ratio). */
  score: number;
  /** Mean field similarity in [0,1], symmetric, 1 for a subject against itself. */
  similarity: number;
  fields: FieldExplanation[];
  /** Some name clearly differs while another does not: siblings and twins look like this. */
  differentNames: boolean;
  /**
   * A caregiver or a phone is the same: one household. Siblings share it, so within it only the same
   * child (same names, same sex, compatible birth dates) may link: `householdConflict` says it is not.
   */
  sameHousehold: boolean;
  householdConflict: boolean;
  /** The birth years are further apart than both records' uncertainty allows. */
  birthApart: boolean;
  /** An identifier that belongs to one person only (not a household's) is the same on both sides. */
  personalIdentifierAgrees: boolean;
}

/**
 * How many persons in the registry bear the given name tokens together (the candidate among them), or
 * undefined when the registry cannot say. Built from the registry's own data (candidates.ts).
 */
export type NameBearers = (tokens: readonly string[]) => number | undefined;

export interface CompareOptions {
  probabilities?: FieldWeights;
  /** When given, name agreement is weighed by how common the name is (term-frequency adjustment). */
  bearers?: NameBearers | undefined;
}

/** Name levels at which every token agrees: the ones whose evidence depends on how common the name is. */
const FULL_AGREEMENT: ReadonlySet<string> = new Set(['exact', 'high', 'contained']);

export function verdicts(a: MatchSubject, b: MatchSubject): Array<[MatchField, FieldVerdict | undefined]> {
  return [
    ['name', compareNames(a.names, b.names)],
    ['birth', compareBirth(a.birth, b.birth)],
    ['sex', compareSex(a.sex, b.sex)],
    ['location', compareLocation(a, b)],
    ['address', compareAddress(a.address, b.address)],
    ['caregiver', compareCaregivers(a.caregivers, b.caregivers)],
    ['phone', compareSets(a.phones, b.phones)],
    ['identifier', compareIdentifiers(a.identifiers, b.identifiers)],
  ];
}

export function compareSubjects(a: MatchSubject, b: MatchSubject, options: CompareOptions = {}): Comparison {
  const probabilities: FieldWeights = options.probabilities ?? DEFAULT_PROBABILITIES;
  const fields: FieldExplanation[] = [];
  let differentNames = false;
  let otherNames = false;
  let sameHousehold = false;
  let sexDisagrees = false;
  const birthApart = yearsApart(a.birth, b.birth);
  for (const [field, verdict] of verdicts(a, b)) {
    if (!verdict) continue;
    if ((field === 'caregiver' || field === 'phone') && verdict.level === 'agree') sameHousehold = true;
    if (field === 'sex' && verdict.level === 'disagree') sexDisagrees = true;
    let weight: number | undefined;
    if (field === 'name') {
      const name = verdict as NameVerdict;
      differentNames = name.differentNames;
      otherNames = name.otherNames;
      weight = nameWeight(name, probabilities, options.bearers);
    }
    const p = probabilities[field]?.[verdict.level];
    if (!p) continue;
    fields.push({ field, level: verdict.level, weight: weight ?? weightOf(p), similarity: verdict.similarity });
  }
  capHousehold(fields);
  const score = fields.reduce((s, f) => s + f.weight, 0);
  const similarity = fields.length === 0 ? 0 : fields.reduce((s, f) => s + f.similarity, 0) / fields.length;
  return {
    score,
    similarity,
    fields,
    differentNames,
    sameHousehold,
    // Within a household, two close but different names (Mireille, Mirabelle), a different sex (Jean and
    // Jeanne) or birth dates years apart (a name re-used for a later child) are as much a sibling as two
    // far names; only the same name, however spelled, with the same sex and a compatible age may link.
    householdConflict:
      sameHousehold && (otherNames || differentNames || sexDisagrees || birthApart || yearsBetween(a, b) > 1),
    birthApart,
    personalIdentifierAgrees: sharesPersonalIdentifier(a.identifiers, b.identifiers),
  };
}

const yearsBetween = (a: MatchSubject, b: MatchSubject): number =>
  a.birth && b.birth ? Math.abs(a.birth.year - b.birth.year) : 0;

/**
 * Term-frequency adjustment (Fellegi-Sunter with value-specific u, as in Winkler and Splink): the flat
 * weight of full name agreement is what a name borne by one person is worth; a name borne by n persons in
 * the registry points at each of them n times less, so it loses log2(n) bits, never below zero (agreeing
 * is never evidence against). "Jean Mukendi" in a national registry says little; "Déogratias Tshisekedi"
 * says much.
 */
function nameWeight(
  verdict: NameVerdict,
  probabilities: FieldWeights,
  bearers: NameBearers | undefined,
): number | undefined {
  const p = probabilities.name?.[verdict.level];
  if (!p) return undefined;
  const flat = weightOf(p);
  if (!bearers || !FULL_AGREEMENT.has(verdict.level) || verdict.agreeing.length < 2) return flat;
  const n = bearers(verdict.agreeing);
  return n === undefined || n <= 1 ? flat : Math.max(0, flat - Math.log2(n));
}

/**
 * Caregiver, phone, place and address all say "same household", and siblings share every one of them:
 * they are far from the independent evidence Fellegi-Sunter assumes. Their agreement together counts
 * for at most this many bits (scaled down in proportion), so that a household cannot outvote a name.
 */
const HOUSEHOLD_CAP = 10;
const HOUSEHOLD: ReadonlySet<string> = new Set(['caregiver', 'phone', 'location', 'address']);

function capHousehold(fields: FieldExplanation[]): void {
  const positive = fields.filter((f) => HOUSEHOLD.has(f.field) && f.weight > 0);
  const total = positive.reduce((s, f) => s + f.weight, 0);
  if (total <= HOUSEHOLD_CAP) return;
  for (const f of positive) f.weight *= HOUSEHOLD_CAP / total;
}

/** The level each field reached, for estimating weights from unlabelled pairs (em.ts). */
export function levelVector(a: MatchSubject, b: MatchSubject): Record<string, string> {
  const vector: Record<string, string> = {};
  for (const [field, verdict] of verdicts(a, b)) if (verdict) vector[field] = verdict.level;
  return vector;
}
