import type { MatchQueue } from '../../core/ports.ts';
import type { RecordStoredMessage } from '../../schemas/messages/record-stored.ts';

/**
 * The matching queue in process memory, with the FIFO queue's deduplication: a record with the same
 * content is queued once (SQS forgets after five minutes; a test never runs that long). `take` hands
 * the queued messages to a test, oldest first, and empties the queue.
 */
export class MemoryMatchQueue implements MatchQueue {
  private readonly queued: RecordStoredMessage[] = [];
  private readonly seen = new Set<string>();

  async enqueue(records: ReadonlyArray<{ id: string; contentHash: string }>): Promise<void> {
    for (const r of records) {
      const deduplicationId = `${r.id}:${r.contentHash}`;
      if (this.seen.has(deduplicationId)) continue;
      this.seen.add(deduplicationId);
      this.queued.push({ type: 'record.stored', version: 1, recordId: r.id, contentHash: r.contentHash });
    }
  }

  take(): RecordStoredMessage[] {
    return this.queued.splice(0);
  }
}
