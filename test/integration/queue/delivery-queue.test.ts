import { type Message, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFifoQueueWithDlq } from '../../../adapters/local/sqs-server.ts';
import { listDeadLetters, redriveDeadLetters } from '../../../adapters/sqs/dead-letters.ts';
import { SqsReferralQueue } from '../../../adapters/sqs/referral-queue.ts';
import { eventOf } from '../../../core/referrals/events.ts';
import { container } from '../../../functions/platform/container.ts';
import { QUEUES } from '../../../functions/queues.ts';
import { ReferralEventMessage } from '../../../schemas/messages/referral-event.ts';
import { ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';

/**
 * The queue properties of the referral delivery queue, against local-aws-sqs through the real SQS adapter
 * and the real consumer (functions/queue/deliver-referral-events.ts).
 */
let api: LocalApi;
let toB: Awaited<ReturnType<typeof startWebhookReceiver>>;
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let handler: Handler;

const json = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const refer = async () => {
  const made = await api.request('POST', '/v1/referrals', {
    headers: json(api.keys.aAdmin),
    body: JSON.stringify({
      to: { serviceType: 'psychosocial' },
      child: { person: amani },
      reason: 'Soutien psychosocial',
      priority: 'normal',
      consent: consentFor([ORG_B]),
    }),
  });
  expect(made.status).toBe(201);
  return made.body.id as string;
};
const context = {
  getRemainingTimeInMillis: () => 40_000,
  functionName: 'deliverReferralEvents',
  awsRequestId: 'r',
} as unknown as Context;
const referralIdOf = (e: { body: any }) => e.body.data.referralId as string;

beforeAll(async () => {
  // Redelivery at the queue's visibility comes 2 s after a failure; a poison message must not wait for it.
  api = await startLocalApi({ visibilityTimeoutSeconds: 2 });
  toB = await startWebhookReceiver();
  expect(
    (
      await api.request('POST', '/v1/admin/services', {
        headers: json(api.keys.bAdmin),
        body: JSON.stringify(serviceInput()),
      })
    ).status,
  ).toBe(201);
  const channel = await api.request('PUT', '/v1/admin/delivery-channel', {
    headers: json(api.keys.bAdmin),
    body: JSON.stringify({ kind: 'webhook', url: toB.url, events: 'thin' }),
  });
  toB.useSecret(channel.body.signingSecret);
  ({ handler } = (await import('../../../functions/queue/deliver-referral-events.ts')) as { handler: Handler });
});
afterAll(async () => {
  await toB?.close();
  await api?.close();
});

/**
 * Runs `body` with referrals queued to a queue of its own that no poller reads, and the consumer's visibility
 * changes made there: the test hands the consumer batches of real messages, with real receipt handles.
 */
async function withQueueOfItsOwn<T>(name: string, body: (url: string) => Promise<T>): Promise<T> {
  const { url } = await createFifoQueueWithDlq(api.runtime.sqs, `relais-test-${name}`, {
    maxReceiveCount: QUEUES.referralDelivery.maxReceiveCount,
    visibilityTimeoutSeconds: 30,
  });
  const c = container();
  const saved = { queue: c.referralDeps.queue, url: c.queueUrls.referralDelivery };
  c.referralDeps.queue = new SqsReferralQueue(api.runtime.sqs, url);
  c.queueUrls.referralDelivery = url;
  try {
    return await body(url);
  } finally {
    c.referralDeps.queue = saved.queue;
    c.queueUrls.referralDelivery = saved.url;
  }
}

/** Receives `count` messages, as the event source mapping hands them to Lambda. */
async function receive(url: string, count: number): Promise<SQSRecord[]> {
  const seen = new Map<string, Message>();
  for (let round = 0; seen.size < count && round < 10; round++) {
    const { Messages = [] } = await api.runtime.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: count - seen.size,
        WaitTimeSeconds: 1,
        AttributeNames: ['All'],
      }),
    );
    for (const m of Messages) seen.set(m.MessageId!, m);
  }
  expect(seen.size).toBe(count);
  return [...seen.values()].map((m) => ({
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body!,
    attributes: m.Attributes as unknown as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${url.split('/').pop()}`,
    awsRegion: 'local',
  }));
}
const groupOf = (r: SQSRecord) => r.attributes.MessageGroupId;

describe('the referral delivery queue', () => {
  it('delivers a resend with the same deduplication id once, and a later resend under another id reaches the consumer and is absorbed', async () => {
    const { url } = api.runtime.queues.referralDelivery!;
    const parse = vi.spyOn(ReferralEventMessage, 'parse');
    const before = toB.received.length;
    const id = await refer();
    await toB.waitFor(before + 1);
    // Its message is handled and deleted: SQS still deduplicates a send of the next five minutes.
    await api.runtime.drain();
    const event = eventOf((await container().referralDeps.referrals.get(id))!, 1);
    const receivesOf = () =>
      parse.mock.results.filter((r) => r.type === 'return' && r.value.eventId === event.id).length;
    // Within five minutes, the same step queued again (a retried request) under the same deduplication id.
    const queue = new SqsReferralQueue(api.runtime.sqs, url);
    await queue.enqueue(event);
    await queue.enqueue(event);
    await api.runtime.drain();
    expect(receivesOf()).toBe(1);
    // Later than five minutes SQS no longer deduplicates: another id stands for that.
    await api.runtime.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify({
          type: 'referral.event',
          version: 1,
          eventId: event.id,
          referralId: id,
          referralVersion: 1,
          recipientOrganisationId: ORG_B,
        }),
        MessageGroupId: id,
        MessageDeduplicationId: `${id}:1:${ORG_B}:later`,
      }),
    );
    await api.runtime.drain();
    expect(receivesOf()).toBe(2);
    parse.mockRestore();
    expect(toB.received.slice(before).filter((e) => referralIdOf(e) === id)).toHaveLength(1);
    const read = await api.request('GET', `/v1/referrals/${id}`, { headers: json(api.keys.aAdmin) });
    expect(read.body.delivery.filter((f: { fact: string }) => f.fact === 'delivered')).toHaveLength(1);
    expect(
      (await listDeadLetters(api.runtime.sqs, api.runtime.queues.referralDelivery!.dlqUrl)).map((l) => l.referralId),
    ).not.toContain(id);
  });

  it('reports only the failed messages and the later ones of their group, and throws when all fail', async () => {
    await withQueueOfItsOwn('partial', async (url) => {
      const [first, second] = [await refer(), await refer()];
      const records = await receive(url, 2);
      const firstRecord = records.find((r) => groupOf(r) === first)!;
      const secondRecord = records.find((r) => groupOf(r) === second)!;
      // A later message of the first referral's group, behind the one that fails: never tried, handed back.
      const later: SQSRecord = { ...firstRecord, messageId: 'later-in-first-group', receiptHandle: 'later' };
      const before = toB.received.length;
      toB.answer(503);
      const response = await handler({ Records: [firstRecord, secondRecord, later] }, context);
      expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([firstRecord.messageId, later.messageId]);
      expect(toB.received.slice(before).map(referralIdOf)).toEqual([second]);
      const log = await api.request('GET', '/v1/admin/delivery-channel', { headers: json(api.keys.bAdmin) });
      expect(
        log.body.attempts
          .filter((a: { referralId: string }) => a.referralId === first)
          .map((a: { status: number; next: string }) => [a.status, a.next]),
      ).toEqual([[503, 'retry']]);

      toB.answer(503);
      await expect(handler({ Records: [firstRecord] }, context)).rejects.toThrow(/All records failed/i);
      expect(toB.received.slice(before).map(referralIdOf)).toEqual([second]);
    });
  });

  it('moves a poison message to the DLQ unchanged after exactly maxReceiveCount receives, within seconds', async () => {
    const { url, dlqUrl } = api.runtime.queues.referralDelivery!;
    const bodies = [
      '{"type":"referral.event","version":1,"referralId":',
      JSON.stringify({
        type: 'referral.event',
        version: 1,
        eventId: 'evt_not-one',
        referralId: 'ref_x',
        referralVersion: 0,
      }),
    ];
    // The consumer reads every delivery's body: counting the reads of a body counts its receives.
    const read = vi.spyOn(JSON, 'parse');
    for (const [i, body] of bodies.entries()) {
      await api.runtime.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageGroupId: `poison-${i}`,
          MessageDeduplicationId: `poison-${i}`,
        }),
      );
    }
    const dead = new Map<string, Message>();
    const until = Date.now() + 15_000;
    while (dead.size < bodies.length && Date.now() < until) {
      const { Messages = [] } = await api.runtime.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: bodies.length - dead.size,
          WaitTimeSeconds: 1,
          AttributeNames: ['All'],
        }),
      );
      for (const m of Messages) dead.set(m.Body!, m);
    }
    const reads = (body: string) => read.mock.calls.filter(([text]) => text === body).length;
    const counts = bodies.map(reads);
    read.mockRestore();
    expect([...dead.keys()].sort()).toEqual([...bodies].sort());
    expect(bodies.map((b) => dead.get(b)!.Attributes?.MessageGroupId)).toEqual(['poison-0', 'poison-1']);
    expect(counts).toEqual([QUEUES.referralDelivery.maxReceiveCount, QUEUES.referralDelivery.maxReceiveCount]);
  }, 20_000);

  it('fails a poison message without failing the other messages of its batch', async () => {
    await withQueueOfItsOwn('poison-batch', async (url) => {
      const good = await refer();
      await api.runtime.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: 'not json',
          MessageGroupId: 'poison',
          MessageDeduplicationId: 'poison',
        }),
      );
      const records = await receive(url, 2);
      const poison = records.find((r) => groupOf(r) === 'poison')!;
      const before = toB.received.length;
      const response = await handler({ Records: [poison, records.find((r) => r !== poison)!] }, context);
      expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([poison.messageId]);
      expect(toB.received.slice(before).map(referralIdOf)).toEqual([good]);
    });
  });

  it('lists a poison message in the DLQ apart, by id only, and leaves it there when the rest is redriven', async () => {
    const { url, dlqUrl } = await createFifoQueueWithDlq(api.runtime.sqs, 'relais-test-dlq-tooling', {
      maxReceiveCount: QUEUES.referralDelivery.maxReceiveCount,
      visibilityTimeoutSeconds: 30,
    });
    const letter: ReferralEventMessage = {
      type: 'referral.event',
      version: 1,
      eventId: `evt_${'b'.repeat(26)}`,
      referralId: `ref_${'a'.repeat(26)}`,
      referralVersion: 1,
      recipientOrganisationId: ORG_B,
    };
    for (const [i, body] of ['not json', '{"type":"referral.event"}', JSON.stringify(letter)].entries()) {
      await api.runtime.sqs.send(
        new SendMessageCommand({
          QueueUrl: dlqUrl,
          MessageBody: body,
          MessageGroupId: `g${i}`,
          MessageDeduplicationId: `d${i}`,
        }),
      );
    }
    const unreadable: string[] = [];
    const listed = await listDeadLetters(api.runtime.sqs, dlqUrl, 100, (u) => unreadable.push(u.messageId));
    expect(listed.map((l) => l.referralId)).toEqual([letter.referralId]);
    expect(unreadable).toHaveLength(2);
    const moved = await redriveDeadLetters(api.runtime.sqs, dlqUrl, url);
    expect(moved.map((l) => l.referralId)).toEqual([letter.referralId]);
    const left: string[] = [];
    expect(await listDeadLetters(api.runtime.sqs, dlqUrl, 100, (u) => left.push(u.messageId))).toEqual([]);
    expect(left.sort()).toEqual([...unreadable].sort());
  });
});
