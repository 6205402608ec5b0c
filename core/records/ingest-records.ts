import { type CanonicalRecord, SCHEMA_VERSION, type Source } from '../../schemas/canonical/index.ts';
import { type FieldIssue, prefixIssues } from '../errors/field-issue.ts';
import { RelaisError, invalid } from '../errors/relais-error.ts';
import { appendRecordChanges } from '../changes/record-changes.ts';
import type { ChangeStore } from '../changes/ports.ts';
import type { Clock, MatchQueue, Normaliser, PutOutcome, RecordStore } from '../ports.ts';
import { contentHash } from './content-hash.ts';
import { type CheckedRecord, normaliseRecord } from './normalise-record.ts';
import { recordIdFor } from './record-id.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import type { SampleOffer, SampleRecorder } from '../mapping/source-samples.ts';

/** The most payloads one push may carry (records or referrals). */
export const MAX_BATCH = 500;
const WRITE_CONCURRENCY = 16;

interface IngestDeps {
  records: RecordStore;
  clock: Clock;
  matching: MatchQueue;
  /** The change feed's outbox: each stored record is a change of its organisation's feed. */
  changes: ChangeStore;
  /** Keeps minimised samples of what the source sends, for mapping previews; best effort, never in the way. */
  sampling?: SampleRecorder;
}

type IngestedRecord =
  | { id: string; sourceRecordId: string; outcome: PutOutcome }
  /** The payload at `index` matched the mapping's skip condition: accepted, not stored. */
  | { index: number; outcome: 'skipped' };

/**
 * Normalises and validates a whole batch before writing anything, so that one bad record rejects the
 * batch with every problem listed and nothing stored. Each write is then idempotent on its own: a retry
 * after a storage failure converges, whatever had been written.
 */
export async function ingestRecords(
  deps: IngestDeps,
  source: Source,
  normaliser: Normaliser,
  body: unknown,
): Promise<IngestedRecord[]> {
  const isBatch = Array.isArray(body);
  const payloads: unknown[] = isBatch ? body : [body];
  if (payloads.length === 0) throw new RelaisError('validation', 'batch-empty');
  if (payloads.length > MAX_BATCH) throw new RelaisError('payload-too-large', 'batch-too-large');

  // Read once for the whole batch: an age stated at the received date counts from the receipt time stored.
  const receivedAt = deps.clock.now().toISOString();
  const normalised: Array<CheckedRecord & { index: number }> = [];
  const skipped: number[] = [];
  const issues: FieldIssue[] = [];
  let firstRejected: SampleOffer | undefined;
  payloads.forEach((payload, index) => {
    const result = normaliseRecord(normaliser, payload, { receivedAt });
    if (result.ok) normalised.push({ ...result.record, index });
    else if (result.skipped) skipped.push(index);
    else {
      firstRejected ??= { outcome: 'rejected', payload, issues: result.issues };
      issues.push(...(isBatch ? prefixIssues(`/${index}`, result.issues) : result.issues));
    }
  });
  if (firstRejected) {
    await deps.sampling?.offer(source, normaliser, receivedAt, [firstRejected]);
    throw invalid(issues);
  }

  const records: CanonicalRecord[] = normalised.map((n) => ({
    schemaVersion: SCHEMA_VERSION,
    id: recordIdFor(source.id, n.sourceRecordId),
    organisationId: source.organisationId,
    person: n.person,
    case: n.case,
    provenance: {
      sourceId: source.id,
      sourceRecordId: n.sourceRecordId,
      ...(n.sourceUpdatedAt ? { sourceUpdatedAt: n.sourceUpdatedAt } : {}),
      mappingVersion: normaliser.mappingVersion,
      receivedAt,
      contentHash: contentHash({ person: n.person, case: n.case, unmappedCodes: n.unmappedCodes }),
    },
    ...(n.unmappedCodes ? { unmappedCodes: n.unmappedCodes } : {}),
    storedAt: receivedAt,
  }));

  const outcomes = await mapWithConcurrency(records, WRITE_CONCURRENCY, (r) => deps.records.put(r));
  // Once the records are safely written, and beside the writes that follow, so it adds no wait of its own.
  const sampled = deps.sampling?.offer(source, normaliser, receivedAt, [
    ...(normalised.length > 0 ? [{ outcome: 'accepted' as const, payload: payloads[normalised[0]!.index] }] : []),
    ...(skipped.length > 0 ? [{ outcome: 'skipped' as const, payload: payloads[skipped[0]!] }] : []),
  ]);
  // After the writes and before answering: a 2xx means every stored version is in the change feed.
  await appendRecordChanges(
    deps,
    records.map((record, i) => ({ record, outcome: outcomes[i]! })),
    WRITE_CONCURRENCY,
  );
  // Every record of the batch goes to the registry, unchanged ones too: matching is idempotent, and a
  // retry after a failure part-way must finish what the first attempt left undone.
  if (records.length > 0)
    await deps.matching.enqueue(records.map((r) => ({ id: r.id, contentHash: r.provenance.contentHash })));
  await sampled;
  // One answer per payload, in the order sent.
  const answers = new Array<IngestedRecord>(payloads.length);
  records.forEach(
    (r, i) =>
      (answers[normalised[i]!.index] = {
        id: r.id,
        sourceRecordId: r.provenance.sourceRecordId,
        outcome: outcomes[i]!,
      }),
  );
  for (const index of skipped) answers[index] = { index, outcome: 'skipped' };
  return answers;
}
