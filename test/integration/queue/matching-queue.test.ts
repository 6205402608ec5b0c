import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordStoredMessage } from '../../../schemas/messages/record-stored.ts';
import { canonicalInput, type LocalApi, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  // A short visibility timeout makes redelivery (and the DLQ) reachable within a test.
  api = await startLocalApi({ visibilityTimeoutSeconds: 2 });
});
afterAll(() => api.close());

const sqsRecord = (id: string, group: string, body: string): SQSRecord => ({
  messageId: id,
  receiptHandle: id,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'x',
    ApproximateFirstReceiveTimestamp: '0',
    MessageGroupId: group,
    MessageDeduplicationId: id,
    SequenceNumber: '1',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:local:000000000000:relais-matching.fifo',
  awsRegion: 'local',
});
const context = {
  getRemainingTimeInMillis: () => 60_000,
  functionName: 'matchRecords',
  awsRequestId: 'r',
} as unknown as Context;
const message = (recordId: string) =>
  JSON.stringify({ type: 'record.stored', version: 1, recordId, contentHash: 'a'.repeat(64) });

describe('the matching queue consumer', () => {
  it('puts every ingested record into the registry', async () => {
    const res = await api.signedPost('src_a-signed', JSON.stringify([canonicalInput(), canonicalInput()]));
    await api.runtime.drain();
    for (const r of res.body.records) {
      const record = await api.request('GET', `/v1/records/${r.id}`, { headers: { 'x-api-key': api.keys.aReader } });
      expect(record.body.personId).toMatch(/^per_/);
    }
  });

  it('reports only the failed messages, and holds back only the later messages of the same group', async () => {
    const { handler } = (await import('../../../functions/queue/match-records.ts')) as {
      handler: (e: SQSEvent, c: Context) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;
    };
    const stored = (await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()))).body.records[0].id;
    const event: SQSEvent = {
      Records: [
        sqsRecord('m1', 'g1', message(stored)),
        sqsRecord('m2', 'g2', 'not json'),
        sqsRecord('m3', 'g2', message(stored)),
        sqsRecord('m4', 'g3', message(stored)),
      ],
    };
    const response = await handler(event, context);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m2', 'm3']);
  });

  it('moves a poison message to the DLQ unchanged after exactly maxReceiveCount receives', async () => {
    const { url, dlqUrl } = api.runtime.queues.matching!;
    const body = '{"type":"record.stored","version":99}';
    // The consumer parses every delivery: counting the parses of this body counts its receives.
    const parse = vi.spyOn(RecordStoredMessage, 'parse');
    await api.runtime.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageGroupId: 'poison',
        MessageDeduplicationId: 'poison-1',
      }),
    );
    let dead;
    for (let i = 0; i < 40 && !dead; i++) {
      const got = await api.runtime.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: 1,
          AttributeNames: ['All'],
        }),
      );
      dead = got.Messages?.[0];
    }
    expect(dead?.Body).toBe(body);
    // Every one of the five deliveries was tried by the consumer.
    expect(parse.mock.calls.filter(([input]) => (input as { version?: number }).version === 99)).toHaveLength(5);
    parse.mockRestore();
  }, 60_000);
});
