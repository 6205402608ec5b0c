import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEDUPLICATION_INTERVAL_MS } from '../../../../adapters/local/sqs-fidelity.ts';
import { createFifoQueueWithDlq, type LocalSqs, startLocalSqs } from '../../../../adapters/local/sqs-server.ts';
import { createSqsClient } from '../../../../adapters/sqs/client.ts';

const runs: Array<{ local: LocalSqs; sqs: SQSClient }> = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const { local, sqs } of runs.splice(0)) {
    sqs.destroy();
    await local.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The local SQS as the runtime starts it: queues created, then restored (which makes them faithful). */
async function run(options: { dir?: string; maxReceiveCount?: number; scope?: 'messageGroup' } = {}) {
  const local = await startLocalSqs(options.dir ? { journalDir: options.dir } : {});
  const sqs = createSqsClient({ endpoint: local.endpoint });
  runs.push({ local, sqs });
  const queue = await createFifoQueueWithDlq(sqs, 'relais-test', {
    maxReceiveCount: options.maxReceiveCount ?? 5,
    visibilityTimeoutSeconds: 30,
  });
  const scoped = options.scope
    ? (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: 'relais-scoped.fifo',
            Attributes: {
              FifoQueue: 'true',
              DeduplicationScope: 'messageGroup',
              FifoThroughputLimit: 'perMessageGroupId',
            },
          }),
        )
      ).QueueUrl!
    : undefined;
  const restored = await local.restore();
  return { local, sqs, url: queue.url, dlqUrl: queue.dlqUrl, scoped, restored };
}

const send = (sqs: SQSClient, url: string, body: string, group = 'g', dedup = 'd') =>
  sqs.send(
    new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup }),
  );
/** A long poll: it answers once a message is there (see returnOnceAnyArrive) or the wait is over. */
const receive = async (sqs: SQSClient, url: string, max = 1, wait = 1) =>
  (
    await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: wait,
        AttributeNames: ['All'],
      }),
    )
  ).Messages ?? [];
const handleAll = async (sqs: SQSClient, url: string) => {
  for (const m of await receive(sqs, url))
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
};

describe('the local SQS, where local-aws-sqs departs from SQS', () => {
  it('drops a send repeating a deduplication id of the last five minutes, even once its message was deleted, answering its id', async () => {
    const { sqs, url } = await run();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-06-01T10:00:00Z') });
    const first = await send(sqs, url, 'one');
    await handleAll(sqs, url);
    vi.setSystemTime(Date.now() + DEDUPLICATION_INTERVAL_MS - 1_000);
    const again = await send(sqs, url, 'one again');
    expect(again.MessageId).toBe(first.MessageId);
    expect(await receive(sqs, url, 10, 0)).toEqual([]);
    // Past the interval, the same id is a new message.
    vi.setSystemTime(Date.now() + 2_000);
    const later = await send(sqs, url, 'one later');
    expect(later.MessageId).not.toBe(first.MessageId);
    expect((await receive(sqs, url)).map((m) => m.Body)).toEqual(['one later']);
  });

  it('deduplicates per message group on a queue whose scope is the group', async () => {
    const { sqs, scoped } = await run({ scope: 'messageGroup' });
    await send(sqs, scoped!, 'in a', 'a');
    await send(sqs, scoped!, 'in b', 'b');
    await send(sqs, scoped!, 'in a again', 'a');
    expect((await receive(sqs, scoped!, 10, 0)).map((m) => m.Body).sort()).toEqual(['in a', 'in b']);
  });

  it('journals no dropped send: a deleted message stays deleted after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-fidelity-'));
    dirs.push(dir);
    const first = await run({ dir });
    await send(first.sqs, first.url, 'once');
    await handleAll(first.sqs, first.url);
    await send(first.sqs, first.url, 'once, retried');
    const { local, sqs } = runs.pop()!;
    sqs.destroy();
    await local.close();
    expect((await run({ dir })).restored).toBe(0);
  });

  it('counts receives, not visibility changes: a message rescheduled at each receive reaches the DLQ after maxReceiveCount receives', async () => {
    const { sqs, url, dlqUrl } = await run({ maxReceiveCount: 3 });
    await send(sqs, url, 'rescheduled');
    const counts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [m] = await receive(sqs, url, 1, 0);
      if (!m) break;
      counts.push(m.Attributes!.ApproximateReceiveCount!);
      await sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }),
      );
    }
    expect(counts).toEqual(['1', '2', '3']);
    expect((await receive(sqs, dlqUrl)).map((m) => m.Body)).toEqual(['rescheduled']);
  });

  it('answers a long poll as soon as one message is there, with what else is there, instead of waiting for a full batch', async () => {
    const { sqs, url } = await run();
    await send(sqs, url, 'waiting', 'g1', 'd1');
    await send(sqs, url, 'also waiting', 'g2', 'd2');
    // Ten asked for, two there: both at once (a 20 s wait would outlast the test's timeout).
    expect((await receive(sqs, url, 10, 20)).map((m) => m.Body).sort()).toEqual(['also waiting', 'waiting']);
    // None there: the poll waits for the first to come.
    const polling = receive(sqs, url, 10, 20);
    await new Promise((r) => setTimeout(r, 100));
    await send(sqs, url, 'arrived', 'g3', 'd3');
    expect((await polling).map((m) => m.Body)).toEqual(['arrived']);
  });

  it('hands out a message group oldest first, none while one is in flight, other groups meanwhile', async () => {
    const { sqs, url } = await run();
    await send(sqs, url, 'v1', 'ref-a', 'a1');
    await send(sqs, url, 'other', 'ref-b', 'b1');
    await send(sqs, url, 'v2', 'ref-a', 'a2');
    const first = await receive(sqs, url, 2, 0);
    expect(first.map((m) => m.Body).sort()).toEqual(['other', 'v1']);
    // v1 in flight holds v2 back, whichever consumer asks.
    expect(await receive(sqs, url, 10, 0)).toEqual([]);
    const v1 = first.find((m) => m.Body === 'v1')!;
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: v1.ReceiptHandle! }));
    expect((await receive(sqs, url, 10, 0)).map((m) => m.Body)).toEqual(['v2']);
  });

  it('hands out several messages of a group in one receive only in order', async () => {
    const { sqs, url } = await run();
    for (const v of ['v1', 'v2', 'v3']) await send(sqs, url, v, 'ref-a', v);
    expect((await receive(sqs, url, 10, 0)).map((m) => m.Body)).toEqual(['v1', 'v2', 'v3']);
  });

  it('gives a message made visible again before the later ones of its group', async () => {
    const { sqs, url } = await run();
    await send(sqs, url, 'v1', 'ref-a', 'a1');
    await send(sqs, url, 'v2', 'ref-a', 'a2');
    for (let i = 0; i < 3; i++) {
      const [m, more] = await receive(sqs, url, 1, 0);
      expect([m?.Body, more]).toEqual(['v1', undefined]);
      await sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m!.ReceiptHandle!, VisibilityTimeout: 0 }),
      );
    }
  });

  it('lets a group go on once its oldest message has moved to the DLQ', async () => {
    const { sqs, url, dlqUrl } = await run({ maxReceiveCount: 2 });
    await send(sqs, url, 'v1', 'ref-a', 'a1');
    await send(sqs, url, 'v2', 'ref-a', 'a2');
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [m] = await receive(sqs, url, 1, 0);
      if (!m) continue;
      seen.push(m.Body!);
      if (m.Body === 'v2') break;
      await sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }),
      );
    }
    expect(seen).toEqual(['v1', 'v1', 'v2']);
    expect((await receive(sqs, dlqUrl)).map((m) => m.Body)).toEqual(['v1']);
  });
});
