import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe } from 'vitest';
import { type LocalSqs, createFifoQueueWithDlq, startLocalSqs } from '../../../adapters/local/sqs-server.ts';
import { MemoryMatchQueue } from '../../../adapters/memory/match-queue.ts';
import { createSqsClient } from '../../../adapters/sqs/client.ts';
import { SqsMatchQueue } from '../../../adapters/sqs/match-queue.ts';
import { RecordStoredMessage } from '../../../schemas/messages/record-stored.ts';
import { type QueueUnderTest, matchQueueContract } from './match-queue.contract.ts';

let server: LocalSqs;
let sqs: SQSClient;
beforeAll(async () => {
  server = await startLocalSqs();
  sqs = createSqsClient({ endpoint: server.endpoint });
});
afterAll(async () => {
  sqs?.destroy();
  await server?.close();
});

/** Receives and deletes until the queue answers empty (a FIFO group's next message waits for the delete). */
async function drainSqs(queueUrl: string): Promise<RecordStoredMessage[]> {
  const out: RecordStoredMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return out;
    out.push(...Messages.map((m) => RecordStoredMessage.parse(JSON.parse(m.Body!))));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

const memory = async (): Promise<QueueUnderTest> => {
  const queue = new MemoryMatchQueue();
  return { queue, drain: async () => queue.take() };
};

const onLocalSqs = async (): Promise<QueueUnderTest> => {
  const { url } = await createFifoQueueWithDlq(sqs, `contract-${randomUUID().slice(0, 8)}`, {
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 30,
  });
  return { queue: new SqsMatchQueue(sqs, url), drain: () => drainSqs(url) };
};

describe.each<[string, () => Promise<QueueUnderTest>]>([
  ['MemoryMatchQueue', memory],
  ['SqsMatchQueue on local-aws-sqs', onLocalSqs],
])('MatchQueue contract: %s', (_name, subject) => matchQueueContract(subject));
