import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createRequestHandler } from 'local-aws-sqs';
import {
  countReceivesOnly,
  keepDeduplicationInterval,
  receiveInGroupOrder,
  returnOnceAnyArrive,
} from './sqs-fidelity.ts';
import { SqsJournal } from './sqs-journal.ts';

export interface LocalSqs {
  endpoint: string;
  /**
   * With a journal: puts back every message still queued when the last run stopped, then journals every
   * change of the queues that exist now. In memory or not, it also makes those queues count receives and
   * deduplicate sends as SQS does (see sqs-fidelity.ts). Call it once the queues are created and before
   * anything sends. Returns how many messages were restored (0 in memory).
   */
  restore(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts local-aws-sqs (a real SQS-protocol server: FIFO, deduplication, visibility, DLQ redrive) in this
 * process. In memory by default; with `journalDir`, every accepted send is on disk before it is answered
 * and survives a kill (see SqsJournal).
 */
export async function startLocalSqs(options: { journalDir?: string; thread?: boolean } = {}): Promise<LocalSqs> {
  if (options.thread) return startOnThread(options.journalDir);
  const { service, requestHandler } = createRequestHandler({
    port: 0,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  const journal = options.journalDir ? new SqsJournal(options.journalDir) : undefined;
  const server = createServer((req, res) => {
    if (journal) {
      // Hold every answer until the changes it acknowledges are on disk; concurrent answers share a flush.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        journal.flush().then(
          () => end(...args),
          (error: Error) => res.destroy(error),
        );
        return res;
      }) as ServerResponse['end'];
    }
    void requestHandler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Queue URLs carry the port; createSqsServer sets it the same way once listening.
  service.PORT = port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    restore: async () => {
      // Around the journal: receives counted as SQS counts them, and groups handed out in order, from the
      // first message restored; duplicate sends dropped before the journal sees them.
      for (const queue of service.Queues) returnOnceAnyArrive(queue);
      for (const queue of service.Queues) countReceivesOnly(queue);
      for (const queue of service.Queues) receiveInGroupOrder(queue);
      const restored = journal ? await journal.restore(service.Queues) : 0;
      for (const queue of service.Queues) keepDeduplicationInterval(queue);
      return restored;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await journal?.close();
    },
  };
}

/**
 * The same server on a worker thread of this process (like startDynalite's `thread`): its parsing and
 * journal writes run beside the handlers instead of taking turns with them. Sends are journaled before
 * they are answered either way, and a kill of the process stops both threads alike.
 */
async function startOnThread(journalDir: string | undefined): Promise<LocalSqs> {
  const worker = new Worker(new URL('./sqs-thread.mjs', import.meta.url), { workerData: { journalDir }, execArgv: [] });
  const [started] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => Promise.reject(error)),
  ])) as [{ endpoint: string }];
  const call = async <T>(name: 'restore' | 'close'): Promise<T> => {
    worker.postMessage({ call: name });
    const [answer] = (await once(worker, 'message')) as [{ value: T; error?: string }];
    if (answer.error) throw new Error(answer.error);
    return answer.value;
  };
  return {
    endpoint: started.endpoint,
    restore: () => call<number>('restore'),
    close: async () => {
      await call<void>('close');
      await worker.terminate();
    },
  };
}

/**
 * A FIFO queue and its FIFO dead-letter queue, with the redrive rule production has. Returns the main
 * queue's URL and the DLQ's.
 */
export async function createFifoQueueWithDlq(
  sqs: SQSClient,
  name: string,
  options: { maxReceiveCount: number; visibilityTimeoutSeconds: number },
): Promise<{ url: string; dlqUrl: string }> {
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq.fifo`,
      Attributes: { FifoQueue: 'true', MessageRetentionPeriod: String(14 * 24 * 3600) },
    }),
  );
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}.fifo`,
      Attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: String(options.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount }),
      },
    }),
  );
  return { url: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}
