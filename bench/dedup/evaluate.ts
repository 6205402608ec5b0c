import type { RegistryDeps } from '../../core/registry/deps.ts';
import { type RegistryInput, matchRecord } from '../../core/registry/match-record.ts';
import { resolvePerson } from '../../core/registry/persons.ts';
import type { Person } from '../../schemas/canonical/person.ts';

/** A labelled record: records with the same entity are the same person. */
export interface Labelled {
  id: string;
  entity: string;
  person: Person;
  organisationId?: string;
}

export interface PairScores {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise precision and recall of a clustering against the entity labels. */
export function pairScores(records: readonly Labelled[], clusterOf: ReadonlyMap<string, string>): PairScores {
  const byEntity = new Map<string, number>();
  const byCluster = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const r of records) {
    const cluster = clusterOf.get(r.id) ?? r.id;
    byEntity.set(r.entity, (byEntity.get(r.entity) ?? 0) + 1);
    byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + 1);
    const both = `${r.entity}\u0000${cluster}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const truePairs = sum(byEntity);
  const predictedPairs = sum(byCluster);
  const truePositives = sum(byBoth);
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, truePositives, precision, recall, f1 };
}

/**
 * Blocking pair completeness as the registry really blocked: the share of true pairs where the later
 * record was compared with the earlier one (or found it already in the person it was compared with).
 */
export function blockingCompleteness(
  records: readonly Labelled[],
  comparedWith: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  const order = new Map(records.map((r, i) => [r.id, i]));
  const byEntity = new Map<string, Labelled[]>();
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r]);
  let total = 0;
  let found = 0;
  for (const group of byEntity.values()) {
    for (const a of group) {
      for (const b of group) {
        if (order.get(a.id)! >= order.get(b.id)!) continue;
        total++;
        if (comparedWith.get(b.id)?.has(a.id)) found++;
      }
    }
  }
  return total === 0 ? 1 : found / total;
}

export interface RunResult {
  clusterOf: Map<string, string>;
  /** For each record, the records matching compared it with. */
  comparedWith: Map<string, Set<string>>;
  compared: number;
  reviews: number;
  millis: number;
  /** Each record's matching time, in ingestion order. */
  perRecord: number[];
}

/** Matches the records one after the other into the registry, then reads back each record's person. */
export async function ingestAll(deps: RegistryDeps, records: readonly Labelled[]): Promise<RunResult> {
  let compared = 0;
  let reviews = 0;
  const comparedWith = new Map<string, Set<string>>();
  let millis = 0;
  const perRecord: number[] = [];
  for (const r of records) {
    const input: RegistryInput = { id: r.id, organisationId: r.organisationId ?? 'org_bench', person: r.person };
    const started = performance.now();
    const result = await matchRecord(deps, input);
    const took = performance.now() - started;
    millis += took;
    perRecord.push(took);
    compared += result.compared;
    reviews += result.reviewIds.length;
    comparedWith.set(r.id, new Set(result.comparedRecordIds));
  }
  const clusterOf = new Map<string, string>();
  for (const r of records) {
    const link = await deps.store.getLink(r.id);
    const person = link ? await resolvePerson(deps.store, link.personId) : undefined;
    clusterOf.set(r.id, person?.id ?? r.id);
  }
  return { clusterOf, comparedWith, compared, reviews, millis, perRecord };
}
