import { type SqsQueue, trackReceiptHandles } from './receipt-handles.ts';

/** SQS FIFO's deduplication interval. */
export const DEDUPLICATION_INTERVAL_MS = 5 * 60_000;

/** A message as local-aws-sqs keeps it (what `setRecord` returns for a message it accepted). */
interface Kept {
  record: { MessageId: string; attributes: { ApproximateReceiveCount: string } };
}

/**
 * SQS counts receives only; local-aws-sqs also counts every ChangeMessageVisibility as one, so a consumer
 * that reschedules a message (the delivery consumer does at each failure) would reach maxReceiveCount, and
 * the DLQ, in half the receives it gets on SQS. Puts the count back after each change. Wrap a queue with
 * this before anything is put in it (the journal's restore included): it finds a message by what
 * `setRecord` returned for it.
 */
export function countReceivesOnly(queue: SqsQueue): void {
  const kept = new Map<string, Kept>();
  const messageOf = trackReceiptHandles(queue, { deleted: (id) => kept.delete(id), purged: () => kept.clear() });
  const setRecord = queue.setRecord;
  queue.setRecord = (input: unknown, messageId?: string) => {
    const result = setRecord(input, messageId) as Kept & { visible?: boolean };
    // A duplicate send returns a copy, never kept: only what was put in the queue has `visible`.
    if ('visible' in result) kept.set(result.record.MessageId, result);
    return result;
  };
  const changeVisibility = queue.changeVisibility.bind(queue);
  queue.changeVisibility = (receiptHandle: string, seconds: string) => {
    const message = kept.get(messageOf(receiptHandle) ?? '');
    const count = message?.record.attributes.ApproximateReceiveCount;
    const changed = changeVisibility(receiptHandle, seconds);
    // Put back before the new visibility ends: that is when local-aws-sqs compares it with maxReceiveCount.
    if (message && count !== undefined) message.record.attributes.ApproximateReceiveCount = count;
    return changed;
  };
}

/**
 * SQS drops a FIFO send whose deduplication id it accepted in the last five minutes, even after that
 * message was deleted; local-aws-sqs forgets the id once the message leaves the queue, so a retried step
 * sent after the first copy was handled would be delivered twice. Answers such a send as SQS does, with
 * the first message's id, and queues nothing. Wrap a queue with this last, outside the journal, so that a
 * dropped send is never journaled. Only a producer's send is deduplicated (a DLQ move or a restore names
 * its message id); the window starts afresh at each start of the local runtime.
 */
export function keepDeduplicationInterval(queue: SqsQueue, now: () => number = () => Date.now()): void {
  if (!queue.FifoQueue) return;
  // local-aws-sqs answers a duplicate still in the queue with a record made this way (checksums of this send).
  const { createRecord } = queue.constructor as unknown as {
    createRecord(fields: Record<string, unknown>): [Record<string, unknown>, string | undefined];
  };
  const accepted = new Map<string, { at: number; messageId: string; sequenceNumber?: string }>();
  const setRecord = queue.setRecord;
  queue.setRecord = (input: { MessageGroupId?: string; MessageDeduplicationId?: string }, messageId?: string) => {
    const dedup = input.MessageDeduplicationId;
    if (messageId !== undefined || !dedup) return setRecord(input, messageId);
    const at = now();
    // In the order accepted: the first still inside the interval ends the sweep.
    for (const [key, sent] of accepted) {
      if (at - sent.at < DEDUPLICATION_INTERVAL_MS) break;
      accepted.delete(key);
    }
    const key = queue.DeduplicationScope === 'messageGroup' ? `${input.MessageGroupId}\u0000${dedup}` : dedup;
    const earlier = accepted.get(key);
    if (earlier) {
      const [record, md5] = createRecord({
        ...input,
        MessageId: earlier.messageId,
        SequenceNumber: earlier.sequenceNumber,
      });
      return { record, MD5OfMessageSystemAttributes: md5 };
    }
    const result = setRecord(input) as {
      record: { MessageId: string; attributes: { SequenceNumber?: string } };
    };
    accepted.set(key, {
      at,
      messageId: result.record.MessageId,
      sequenceNumber: result.record.attributes.SequenceNumber,
    });
    return result;
  };
}

/**
 * A long poll on SQS returns as soon as a message is there; local-aws-sqs waits until the batch is full
 * or the wait is over, so a consumer taking batches of four would sit out its whole wait for a single
 * message. Takes what is there now; else waits for one message, then adds what else is there by then.
 */
export function returnOnceAnyArrive(queue: SqsQueue): void {
  const receive = queue.receive.bind(queue);
  queue.receive = async (params: { WaitTimeSeconds?: unknown; MaxNumberOfMessages?: unknown }) => {
    const wait = Number(params.WaitTimeSeconds ?? queue.ReceiveMessageWaitTimeSeconds ?? 0);
    const max = Number(params.MaxNumberOfMessages ?? 1);
    const ready = (await receive({ ...params, WaitTimeSeconds: 0 })) as unknown[];
    if (ready.length > 0 || wait === 0) return ready;
    const first = (await receive({ ...params, MaxNumberOfMessages: 1 })) as unknown[];
    if (first.length === 0 || max <= 1) return first;
    return [
      ...first,
      ...((await receive({ ...params, WaitTimeSeconds: 0, MaxNumberOfMessages: max - 1 })) as unknown[]),
    ];
  };
}

/** A message as local-aws-sqs keeps it in its queue (what `setRecord` returns for a message it accepted). */
interface Held {
  visible: boolean;
  record: { MessageId: string; attributes: { MessageGroupId?: string; SentTimestamp: string } };
}

/** Every message of the FIFO queues served, by id, with how to forget it in the queue it was in. */
const heldIn = new Map<string, () => void>();

/**
 * SQS FIFO hands out a message group in order: none of its messages while an older one is in flight, the
 * oldest first, and several in one receive only in order. local-aws-sqs ignores groups: it hands out any
 * visible message, so two consumers could take a referral's v1 and v2 at once, and a v1 made visible again
 * could be overtaken. Gives each message's `visible` flag a getter that also asks whether every older
 * message of its group is being taken by the same receive (local-aws-sqs reads the flag at each look for
 * messages, one synchronous pass over the queue, so the answer is always current). A message leaves its
 * group when it is deleted, purged, moved to the DLQ (seen as the DLQ's send of its id), or past the
 * queue's retention. GetQueueAttributes then counts a message waiting behind its group as not visible.
 * Wrap every queue (DLQs too) before anything is put in them.
 */
export function receiveInGroupOrder(queue: SqsQueue, now: () => number = () => Date.now()): void {
  if (!queue.FifoQueue) return;
  const groups = new Map<string, Held[]>();
  const retentionMs = () => Number(queue.MessageRetentionPeriod) * 1000;
  const forget = (held: Held) => {
    const group = groups.get(held.record.attributes.MessageGroupId ?? '');
    const at = group?.indexOf(held) ?? -1;
    if (at >= 0) group!.splice(at, 1);
    if (group?.length === 0) groups.delete(held.record.attributes.MessageGroupId ?? '');
    heldIn.delete(held.record.MessageId);
  };
  const oldestOf = (groupId: string): Held | undefined => {
    const group = groups.get(groupId);
    // Retention ends a message silently in local-aws-sqs: past it, it is gone from the group too.
    while (group?.[0] && now() - Number(group[0].record.attributes.SentTimestamp) >= retentionMs()) forget(group[0]);
    return group?.[0];
  };
  // The messages taken in the current synchronous pass of a receive: its later messages of their group may
  // come in the same answer, behind them.
  let takenNow = new Set<Held>();
  const taking = (held: Held) => {
    if (takenNow.size === 0) queueMicrotask(() => (takenNow = new Set()));
    takenNow.add(held);
  };
  const nextOf = (groupId: string, held: Held): boolean => {
    oldestOf(groupId);
    for (const older of groups.get(groupId) ?? []) {
      if (older === held) return true;
      if (!takenNow.has(older)) return false;
    }
    return false;
  };
  const byId = new Map<string, Held>();
  trackReceiptHandles(queue, {
    deleted: (id) => {
      const held = byId.get(id);
      if (held) forget(held);
      byId.delete(id);
    },
    purged: () => {
      for (const held of byId.values()) heldIn.delete(held.record.MessageId);
      groups.clear();
      byId.clear();
    },
  });
  const setRecord = queue.setRecord;
  queue.setRecord = (input: unknown, messageId?: string) => {
    // A DLQ move (or a redrive) sends the message's id to another queue: it has left the one it was in.
    if (messageId !== undefined) heldIn.get(messageId)?.();
    const result = setRecord(input, messageId) as Held;
    // A duplicate send returns a copy, never kept: only what was put in the queue has `visible`.
    if (!('visible' in result)) return result;
    const groupId = result.record.attributes.MessageGroupId ?? '';
    let visible = result.visible;
    Object.defineProperty(result, 'visible', {
      configurable: true,
      enumerable: true,
      get: () => visible && nextOf(groupId, result),
      set: (value: boolean) => {
        if (visible && !value) taking(result);
        visible = value;
      },
    });
    groups.set(groupId, [...(groups.get(groupId) ?? []), result]);
    byId.set(result.record.MessageId, result);
    heldIn.set(result.record.MessageId, () => {
      forget(result);
      byId.delete(result.record.MessageId);
    });
    return result;
  };
}
