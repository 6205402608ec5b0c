import type { CanonicalRecord } from '../../schemas/canonical/index.ts';
import type { PutOutcome, RecordStore } from '../ports.ts';
import { mapWithConcurrency } from '../records/map-with-concurrency.ts';
import { type FeedDeps, appendOnce } from './feed.ts';

/**
 * Appends the change feed entries of a batch of record writes, after the writes (core/changes/feed.ts:
 * at least once across crashes). A record stored (`created`, `updated`) is a change of its organisation's
 * feed. A write answered `unchanged` whose stored record is this very version may be the retry of a push
 * whose first attempt stored the record and died before appending: it is appended under the same once-key,
 * which appends nothing when the first attempt got that far. Not knowing which of the two the lost append
 * was, it is told as `record.updated`.
 */
export async function appendRecordChanges(
  deps: FeedDeps & { records: Pick<RecordStore, 'get'> },
  written: ReadonlyArray<{ record: CanonicalRecord; outcome: PutOutcome }>,
  concurrency = 1,
): Promise<void> {
  // A batch's records are concurrent changes: their order in the feed is the order their appends land.
  await mapWithConcurrency(written, concurrency, async ({ record, outcome }) => {
    let stored: CanonicalRecord | undefined = record;
    if (outcome === 'unchanged') {
      const found = await deps.records.get(record.id);
      stored = found?.provenance.contentHash === record.provenance.contentHash ? found : undefined;
    }
    if (!stored) return;
    await appendOnce(
      deps,
      stored.organisationId,
      `record:${stored.id}:${stored.provenance.contentHash}`,
      { kind: 'record', organisationId: stored.organisationId },
      {
        type: outcome === 'created' ? 'record.created' : 'record.updated',
        at: stored.storedAt,
        recordId: stored.id,
        contentHash: stored.provenance.contentHash,
      },
      // Stored by this very write: no earlier attempt can have appended it (a retry is answered unchanged).
      outcome !== 'unchanged',
    );
  });
}
