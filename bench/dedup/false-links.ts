/** What the benchmark knows of how two children are related, from a record's labels. */
export interface Kinship {
  entity: string;
  household: string;
  twinOf?: string;
  namesakeOf?: string;
  /** The child's true prénom and nom, folded; absent when the set does not label it. */
  nameKey?: string;
}

export type LinkKind = 'twins' | 'siblings' | 'namesakes' | 'unrelated';

/** Wrongly linked pairs of records (two different children in one person), by how the children are related. */
export type FalseLinks = Record<LinkKind, number>;

/**
 * How two different children are related, the closest tie first: twins (one is labelled the other's
 * twin), siblings (same household), namesakes (different households, the same true prénom and nom, or
 * one copied from the other), unrelated otherwise. Undefined for two records of one child.
 */
export function linkKind(a: Kinship, b: Kinship): LinkKind | undefined {
  if (a.entity === b.entity) return undefined;
  if (a.twinOf === b.entity || b.twinOf === a.entity) return 'twins';
  if (a.household === b.household) return 'siblings';
  if (a.namesakeOf === b.entity || b.namesakeOf === a.entity) return 'namesakes';
  if (a.nameKey !== undefined && a.nameKey === b.nameKey) return 'namesakes';
  return 'unrelated';
}

/** Counts every pair of records the clustering put in one person although they are of different children. */
export function falseLinks(
  records: ReadonlyArray<Kinship & { id: string }>,
  clusterOf: ReadonlyMap<string, string>,
): FalseLinks {
  const counts: FalseLinks = { twins: 0, siblings: 0, namesakes: 0, unrelated: 0 };
  const byCluster = new Map<string, Array<Kinship & { id: string }>>();
  for (const r of records) {
    const cluster = clusterOf.get(r.id) ?? r.id;
    const group = byCluster.get(cluster);
    if (group) group.push(r);
    else byCluster.set(cluster, [r]);
  }
  for (const group of byCluster.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const kind = linkKind(group[i]!, group[j]!);
        if (kind) counts[kind]++;
      }
    }
  }
  return counts;
}
