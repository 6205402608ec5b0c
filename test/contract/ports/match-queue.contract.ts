import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { MatchQueue } from '../../../core/ports.ts';
import { recordIdFor } from '../../../core/records/record-id.ts';
import type { RecordStoredMessage } from '../../../schemas/messages/record-stored.ts';

/** A queue under test, and a way to read back every message it holds now (and remove them). */
export interface QueueUnderTest {
  queue: MatchQueue;
  drain(): Promise<RecordStoredMessage[]>;
}

const records = (n: number) => {
  const tag = randomUUID().slice(0, 8);
  return Array.from({ length: n }, (_, i) => ({
    id: recordIdFor(`src_c-${tag}`, `k-${i}`),
    contentHash: 'a'.repeat(64),
  }));
};

/** What ingestion relies on from any MatchQueue: one message per record, each record's content queued once. */
export function matchQueueContract(subject: () => Promise<QueueUnderTest>): void {
  it('queues one record.stored message per record, however large the batch', async () => {
    const { queue, drain } = await subject();
    const batch = records(23);
    await queue.enqueue(batch);
    const messages = await drain();
    expect(messages.map((m) => m.recordId).sort()).toEqual(batch.map((r) => r.id).sort());
    expect(messages.every((m) => m.type === 'record.stored' && m.version === 1)).toBe(true);
  });

  it('queues the same record with the same content once; new content is queued again', async () => {
    const { queue, drain } = await subject();
    const [record] = records(1);
    await queue.enqueue([record!]);
    await queue.enqueue([record!]);
    await queue.enqueue([{ ...record!, contentHash: 'b'.repeat(64) }]);
    expect((await drain()).map((m) => m.contentHash)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('accepts an empty batch and queues nothing', async () => {
    const { queue, drain } = await subject();
    await queue.enqueue([]);
    expect(await drain()).toEqual([]);
  });
}
