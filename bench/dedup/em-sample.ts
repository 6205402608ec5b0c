import { MIN_SHARED_WEIGHT, indexKeys, queryKeys, sharedWeight } from '../../core/matching/blocking.ts';
import { levelVector } from '../../core/matching/compare.ts';
import { type Estimate, estimateWeights } from '../../core/matching/em.ts';
import { matchSubject } from '../../core/matching/subject.ts';
import { DEFAULT_PROBABILITIES } from '../../core/matching/weights.ts';
import type { Labelled } from './evaluate.ts';

/**
 * Estimates m and u by EM from the candidate pairs blocking produces on a data set, without its labels:
 * what an operator could do on their own registry before trusting the documented defaults.
 */
export function estimateFrom(records: readonly Labelled[]): Estimate & { pairs: number } {
  const subjects = records.map((r) =>
    matchSubject(r.person, { recordId: r.id, organisationId: r.organisationId ?? 'org_bench' }),
  );
  const blocks = new Map<string, number[]>();
  subjects.forEach((s, i) => {
    for (const key of indexKeys(s)) blocks.set(key, [...(blocks.get(key) ?? []), i]);
  });
  const vectors: Array<Record<string, string>> = [];
  subjects.forEach((s, i) => {
    const shared = new Map<number, string[]>();
    for (const key of queryKeys(s)) {
      const block = blocks.get(key) ?? [];
      for (const j of block) if (j < i) shared.set(j, [...(shared.get(j) ?? []), key]);
    }
    for (const [j, keys] of shared)
      if (sharedWeight(keys) >= MIN_SHARED_WEIGHT) vectors.push(levelVector(s, subjects[j]!));
  });
  return { ...estimateWeights(vectors, DEFAULT_PROBABILITIES), pairs: vectors.length };
}
