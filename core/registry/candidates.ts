import { MIN_SHARED_WEIGHT, evidenceOf, keyWeight, nameBearers, queryKeys } from '../matching/blocking.ts';
import { type Comparison, type NameBearers, compareSubjects } from '../matching/compare.ts';
import { type Decision, decide } from '../matching/decide.ts';
import { DEFAULT_PROFILE } from '../matching/profiles.ts';
import type { MatchSubject } from '../matching/subject.ts';
import type { RegistryDeps } from './deps.ts';
import type { BlockHit } from './ports.ts';
import type { RegistryMember, RegistryPerson } from './model.ts';

export const DEFAULT_MAX_BLOCK = 200;

/** How one existing person compares with a subject: the closest of its records decides. */
export interface CandidateEvaluation {
  person: RegistryPerson;
  /** The member with the highest score, its comparison and the decision that comparison alone gives. */
  closest: { member: RegistryMember; decision: Decision };
  /** Some member is a link by score and without the siblings pattern, and nobody declared them different. */
  linkable: boolean;
  /** A link by score held back by a guard, or a score in the review band. */
  reviewable: boolean;
  /** Member comparisons made (the benchmark's "pairs compared"). */
  compared: number;
}

export type FiledUnder = (personId: string) => ReadonlySet<string>;

export interface Gathered {
  evaluations: CandidateEvaluation[];
  /** The keys a person is already filed under, as the blocks read showed them. */
  filed: FiledUnder;
  /** When gathered for a person of the subject's own (`self`): that person as read now, merged or not. */
  self: RegistryPerson | undefined;
  /** Records the subject was compared with (every member of every candidate person). */
  comparedRecordIds: string[];
  compared: number;
}

/**
 * Persons filed under the subject's blocking keys, merged ones followed to their survivor, and how many
 * persons bear the subject's names (the sizes of its blocks, the subject's own person left out).
 */
async function lookupPersons(
  deps: RegistryDeps,
  subject: MatchSubject,
  skip: ReadonlySet<string> = new Set(),
): Promise<{ persons: RegistryPerson[]; bearers: NameBearers; filed: FiledUnder; self: RegistryPerson | undefined }> {
  const maxBlock = deps.maxBlock ?? DEFAULT_MAX_BLOCK;
  const hits = await deps.store.lookup(queryKeys(subject), maxBlock);
  const sizes = new Map<string, number>();
  // Blocks of one piece of evidence (a name token in several birth years) are counted together, each
  // person once per piece: this loop meets every id of every block, so it allocates as little as it can.
  const byEvidence = new Map<string, BlockHit[]>();
  for (const hit of hits) {
    if (hit.overflow) {
      sizes.set(hit.key, maxBlock + 1);
      continue;
    }
    let size = 0;
    for (const id of hit.personIds) if (!skip.has(id)) size++;
    sizes.set(hit.key, size);
    const evidence = evidenceOf(hit.key);
    const group = byEvidence.get(evidence);
    if (group) group.push(hit);
    else byEvidence.set(evidence, [hit]);
  }
  const weights = new Map<string, number>();
  for (const group of byEvidence.values()) {
    const weight = keyWeight(group[0]!.key);
    const ids = group.length === 1 ? group[0]!.personIds : new Set(group.flatMap((h) => h.personIds));
    for (const id of ids) if (!skip.has(id)) weights.set(id, (weights.get(id) ?? 0) + weight);
  }
  const ids = new Set<string>();
  for (const [id, weight] of weights) if (weight >= MIN_SHARED_WEIGHT) ids.add(id);
  const found = new Map<string, RegistryPerson>();
  // The subject's own person rides along in the first batch: the caller learns whether it changed.
  let pending = [...ids, ...skip];
  let self: RegistryPerson | undefined;
  for (let hops = 0; pending.length > 0 && hops < 5; hops++) {
    const persons = await deps.store.getPersons(pending);
    pending = [];
    for (const p of persons) {
      if (skip.has(p.id)) self ??= hops === 0 ? p : undefined;
      else if (p.status === 'active') found.set(p.id, p);
      else if (p.mergedInto && !found.has(p.mergedInto)) pending.push(p.mergedInto);
    }
  }
  return {
    persons: [...found.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    bearers: nameBearers(sizes),
    filed: (personId) => new Set(hits.filter((h) => h.personIds.includes(personId)).map((h) => h.key)),
    self,
  };
}

/** Comparisons already made within one matching, keyed by member record and content. */
export type ComparisonMemo = Map<string, Comparison>;

export function evaluate(
  deps: RegistryDeps,
  subject: MatchSubject,
  person: RegistryPerson,
  memo: ComparisonMemo = new Map(),
  bearers?: NameBearers,
): CandidateEvaluation | undefined {
  const profile = deps.profile ?? DEFAULT_PROFILE;
  const options = {
    probabilities: profile.probabilities,
    bearers: profile.frequencyAdjusted ? bearers : undefined,
  };
  const declared = person.members.some((m) => m.distinctFrom.includes(subject.recordId));
  let closest: { member: RegistryMember; decision: Decision } | undefined;
  let linkable = false;
  let reviewable = false;
  let compared = 0;
  for (const member of person.members) {
    if (member.recordId === subject.recordId) continue;
    const memoKey = `${member.recordId}\u0000${member.subjectHash}`;
    let comparison = memo.get(memoKey);
    if (!comparison) {
      comparison = compareSubjects(subject, member.subject, options);
      memo.set(memoKey, comparison);
      compared++;
    }
    const decision = decide(comparison, profile, declared);
    if (decision.outcome === 'link') linkable = true;
    if (decision.outcome === 'review') reviewable = true;
    if (!closest || comparison.score > closest.decision.comparison.score) closest = { member, decision };
  }
  if (!closest) return undefined;
  return { person, closest, linkable, reviewable: reviewable && !linkable, compared };
}

export async function gather(
  deps: RegistryDeps,
  subject: MatchSubject,
  memo: ComparisonMemo = new Map(),
  self?: string,
): Promise<Gathered> {
  const { persons, bearers, filed, self: own } = await lookupPersons(deps, subject, new Set(self ? [self] : []));
  const evaluations: CandidateEvaluation[] = [];
  let compared = 0;
  for (const person of persons) {
    const evaluation = evaluate(deps, subject, person, memo, bearers);
    if (!evaluation) continue;
    compared += evaluation.compared;
    evaluations.push(evaluation);
  }
  return {
    evaluations,
    filed,
    self: own,
    comparedRecordIds: persons.flatMap((p) => p.members.map((m) => m.recordId)),
    compared,
  };
}
