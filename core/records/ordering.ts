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

/** The key a sync by updatedSince pages in: when the record was stored, then its id. */
export const changeKey = (record: Pick<CanonicalRecord, 'storedAt' | 'id'>): string =>
  `${record.storedAt}#${record.id}`;

/**
 * The storedAt of a version replacing one stored at `stored`: its own, unless that is not later (two pushes
 * crossing: the newer content received first, written last), then one millisecond after. So a record's
 * storedAt only moves forward, and a record changed after T is always listed by updatedSince=T, and seen by
 * the change feed after T (core/changes/record-changes.ts).
 */
export function laterThan(own: string, stored: string): string {
  return own > stored ? own : new Date(Date.parse(stored) + 1).toISOString();
}
