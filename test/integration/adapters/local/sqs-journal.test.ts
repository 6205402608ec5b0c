import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFifoQueueWithDlq, type LocalSqs, startLocalSqs } from '../../../../adapters/local/sqs-server.ts';
import { createSqsClient } from '../../../../adapters/sqs/client.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A run of the local SQS on `dir`: the queue pair created as the runtime creates it, then restored. */
async function run(dir: string | undefined, maxReceiveCount = 5) {
  const local = await startLocalSqs(dir ? { journalDir: dir } : {});
  const sqs = createSqsClient({ endpoint: local.endpoint });
  const queue = await createFifoQueueWithDlq(sqs, 'relais-test', { maxReceiveCount, visibilityTimeoutSeconds: 1 });
  const restored = await local.restore();
  return { local, sqs, queue, restored };
}

async function stop({ local, sqs }: { local: LocalSqs; sqs: SQSClient }) {
  sqs.destroy();
  await local.close();
}

const send = (sqs: SQSClient, url: string, ids: string[]) =>
  sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: ids.map((id, i) => ({
        Id: String(i),
        MessageBody: `{"id":"${id}"}`,
        MessageGroupId: `g-${id}`,
        MessageDeduplicationId: `d-${id}`,
      })),
    }),
  );

async function receiveAll(sqs: SQSClient, url: string, expected: number, tries = 10) {
  const got = new Map<string, { Body?: string; Attributes?: Record<string, string>; ReceiptHandle?: string }>();
  for (let i = 0; i < tries && got.size < expected; i++) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        AttributeNames: ['All'],
      }),
    );
    for (const m of res.Messages ?? []) got.set(m.Body!, m);
  }
  return got;
}

describe('the local SQS journal', () => {
  it('puts back after a restart what was sent and not deleted, with its group and deduplication id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-journal-'));
    dirs.push(dir);
    const first = await run(dir);
    expect(first.restored).toBe(0);
    await send(first.sqs, first.queue.url, ['a', 'b', 'c']);
    const received = await receiveAll(first.sqs, first.queue.url, 3);
    await first.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: first.queue.url,
        ReceiptHandle: received.get('{"id":"b"}')!.ReceiptHandle!,
      }),
    );
    await stop(first);
    // A kill in the middle of a line leaves it torn: it was never answered, so it is not a message.
    appendFileSync(join(dir, 'journal.ndjson'), '{"op":"send","queue":"relais-te');

    const second = await run(dir);
    expect(second.restored).toBe(2);
    const again = await receiveAll(second.sqs, second.queue.url, 2);
    expect([...again.keys()].sort()).toEqual(['{"id":"a"}', '{"id":"c"}']);
    expect(again.get('{"id":"a"}')!.Attributes).toMatchObject({ MessageGroupId: 'g-a', MessageDeduplicationId: 'd-a' });
    await stop(second);
  });

  it('keeps a message moved to the DLQ in the DLQ across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-journal-'));
    dirs.push(dir);
    const first = await run(dir, 1);
    await send(first.sqs, first.queue.url, ['poison']);
    // Received once and never deleted: after the visibility timeout, maxReceiveCount 1 moves it.
    await receiveAll(first.sqs, first.queue.url, 1);
    expect((await receiveAll(first.sqs, first.queue.dlqUrl, 1)).has('{"id":"poison"}')).toBe(true);
    await stop(first);

    const second = await run(dir, 1);
    expect(second.restored).toBe(1);
    expect((await receiveAll(second.sqs, second.queue.dlqUrl, 1)).has('{"id":"poison"}')).toBe(true);
    await stop(second);
  });

  it('keeps nothing without a journal', async () => {
    const first = await run(undefined);
    await send(first.sqs, first.queue.url, ['x']);
    await stop(first);
    const second = await run(undefined);
    expect(second.restored).toBe(0);
    expect((await receiveAll(second.sqs, second.queue.url, 1, 2)).size).toBe(0);
    await stop(second);
  });
});
