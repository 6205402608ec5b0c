import type { createRequestHandler } from 'local-aws-sqs';

/** A queue of local-aws-sqs, as its service exposes it. */
export type SqsQueue = ReturnType<typeof createRequestHandler>['service']['Queues'][number];

/**
 * Which message a receipt handle names: local-aws-sqs keeps that to itself, and the wrappers that act on a
 * delete or a visibility change (the journal, the fidelity fixes) need it. Wraps the queue's receive, delete
 * and purge; a new receive of a message makes its earlier handle unknown, as SQS invalidates it. Calls
 * `deleted` with the message id of each delete that took.
 */
export function trackReceiptHandles(
  queue: SqsQueue,
  events: { deleted?: (messageId: string) => void; purged?: () => void } = {},
): (receiptHandle: string) => string | undefined {
  const handles = new Map<string, string>();
  const latest = new Map<string, string>();
  const receive = queue.receive.bind(queue);
  queue.receive = async (params: unknown) => {
    const messages = (await receive(params)) as Array<{ MessageId: string; ReceiptHandle: string }>;
    for (const m of messages) {
      const previous = latest.get(m.MessageId);
      if (previous) handles.delete(previous);
      handles.set(m.ReceiptHandle, m.MessageId);
      latest.set(m.MessageId, m.ReceiptHandle);
    }
    return messages;
  };
  const remove = queue.delete.bind(queue);
  queue.delete = (receiptHandle: string) => {
    const deleted = remove(receiptHandle);
    const id = handles.get(receiptHandle);
    if (deleted && id) {
      handles.delete(receiptHandle);
      latest.delete(id);
      events.deleted?.(id);
    }
    return deleted;
  };
  const clear = queue.clearRecords.bind(queue);
  queue.clearRecords = () => {
    clear();
    handles.clear();
    latest.clear();
    events.purged?.();
  };
  return (receiptHandle) => handles.get(receiptHandle);
}
