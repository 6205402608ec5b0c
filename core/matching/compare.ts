import type { FieldExplanation } from '../../schemas/api/persons.ts';
import {
  type FieldVerdict,
  compareAddress,
  compareBirth,
  compareCaregivers,
  compareIdentifiers,
  compareLocation,
  compareNames,
  compareSets,
  compareSex,
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
  /** Some name agrees and another clearly differs: siblings and twins look like this. */
  differentNames: boolean;
  /** An identifier that belongs to one person only (not a household's) is the same on both sides. */
  personalIdentifierAgrees: boolean;
}

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

export function compareSubjects(
  a: MatchSubject,
  b: MatchSubject,
  probabilities: FieldWeights = DEFAULT_PROBABILITIES,
): Comparison {
  const fields: FieldExplanation[] = [];
  let differentNames = false;
  let otherNames = false;
  let household = false;
  for (const [field, verdict] of verdicts(a, b)) {
    if (!verdict) continue;
    if ((field === 'caregiver' || field === 'phone') && verdict.level === 'agree') household = true;
    if (field === 'name' && 'differentNames' in verdict) {
      differentNames = verdict.differentNames === true;
      otherNames = 'otherNames' in verdict && verdict.otherNames === true;
    }
    const p = probabilities[field]?.[verdict.level];
    if (!p) continue;
    fields.push({ field, level: verdict.level, weight: weightOf(p), similarity: verdict.similarity });
  }
  // Fail-safe for siblings: with a shared caregiver or phone, two close but different names (Mireille,
  // Mirabelle) are as much a twin as two far ones; only the same name, however spelled, may link.
  if (household && otherNames) differentNames = true;
  capHousehold(fields);
  const score = fields.reduce((s, f) => s + f.weight, 0);
  const similarity = fields.length === 0 ? 0 : fields.reduce((s, f) => s + f.similarity, 0) / fields.length;
  return {
    score,
    similarity,
    fields,
    differentNames,
    personalIdentifierAgrees: sharesPersonalIdentifier(a.identifiers, b.identifiers),
  };
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
