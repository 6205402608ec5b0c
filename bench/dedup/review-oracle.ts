import type { RegistryDeps } from '../../core/registry/deps.ts';
import { decideReview, listReviews } from '../../core/registry/reviews.ts';
import { resolvePerson } from '../../core/registry/persons.ts';
import { type Labelled, type PairScores, pairScores } from './evaluate.ts';

/**
 * A reviewer who always knows: decides every open review item by the benchmark's labels, through the
 * registry's own decideReview (a "same" merges the two persons, a "different" keeps them apart for good).
 * What the registry reaches once its review queue is worked through, and at what cost in decisions: the
 * guards are allowed to hold pairs for review, never to link them wrongly, so a profile is judged on both.
 */
export async function workThroughReviews(
  deps: RegistryDeps,
  records: readonly Labelled[],
): Promise<{ decided: number; same: number }> {
  const entityOf = new Map(records.map((r) => [r.id, r.entity]));
  let decided = 0;
  let same = 0;
  for (;;) {
    const { items } = await listReviews(deps, { status: 'open', limit: 100 });
    if (items.length === 0) return { decided, same };
    for (const item of items) {
      const isSame = entityOf.get(item.recordId) === entityOf.get(item.candidateRecordId);
      await decideReview(deps, item.id, {
        decision: isSame ? 'same' : 'different',
        by: 'bench-oracle',
        reason: 'benchmark labels',
      });
      decided++;
      if (isSame) same++;
    }
  }
}

/** Pairwise scores once the review queue is worked through by the oracle, and how many decisions it took. */
export async function scoresAfterReview(
  deps: RegistryDeps,
  records: readonly Labelled[],
): Promise<PairScores & { decided: number }> {
  const { decided } = await workThroughReviews(deps, records);
  const clusterOf = new Map<string, string>();
  for (const r of records) {
    const link = await deps.store.getLink(r.id);
    const person = link ? await resolvePerson(deps.store, link.personId) : undefined;
    clusterOf.set(r.id, person?.id ?? r.id);
  }
  return { ...pairScores(records, clusterOf), decided };
}
