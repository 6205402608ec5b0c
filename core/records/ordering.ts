import type { CanonicalRecord } from '../../schemas/canonical/index.ts';

/**
 * Which of two versions of one source record wins. The source's own modification time decides; without
 * one, the time Relais received it; on a tie, the content hash, so that any arrival order of the same
 * set of versions ends with the same stored record. Stores compare these keys as strings.
 */
export function orderKey(record: Pick<CanonicalRecord, 'provenance'>): string {
  const p = record.provenance;
  const when = new Date(p.sourceUpdatedAt ?? p.receivedAt).toISOString();
  return `${when}#${p.contentHash}`;
}

/** True when `candidate` should replace `stored` (the rule stores enforce with a condition). */
export function supersedes(
  candidate: Pick<CanonicalRecord, 'provenance'>,
  stored: Pick<CanonicalRecord, 'provenance'>,
): boolean {
  return candidate.provenance.contentHash !== stored.provenance.contentHash && orderKey(candidate) > orderKey(stored);
}
