import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TABLES } from '../../../../adapters/dynamodb/tables.ts';
import { resetContainer } from '../../../../functions/platform/container.ts';
import { QUEUES } from '../../../../functions/queues.ts';

const sqs = mockClient(SQSClient);
const dynamo = mockClient(DynamoDBClient);
const documents = mockClient(DynamoDBDocumentClient);
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/relais-referralDelivery.fifo';

beforeAll(() => {
  for (const spec of Object.values(TABLES)) vi.stubEnv(spec.env, `relais-${spec.env}`);
  for (const spec of Object.values(QUEUES)) vi.stubEnv(spec.env, QUEUE_URL);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  resetContainer();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetContainer();
});

const record = (id: string, body: string): SQSRecord => ({
  messageId: id,
  receiptHandle: `handle-${id}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'x',
    ApproximateFirstReceiveTimestamp: '0',
    MessageGroupId: id,
    MessageDeduplicationId: id,
    SequenceNumber: '1',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:relais-referralDelivery.fifo',
  awsRegion: 'eu-west-1',
});
const context = { getRemainingTimeInMillis: () => 40_000, functionName: 'deliverReferralEvents', awsRequestId: 'r' };

describe('the delivery consumer, given a poison message', () => {
  it('makes it visible again at once and reports it failed, reading nothing, whether it is not JSON or not a referral event', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const { handler } = (await import('../../../../functions/queue/deliver-referral-events.ts')) as {
      handler: (e: SQSEvent, c: Context) => Promise<unknown>;
    };
    const event: SQSEvent = {
      Records: [
        record('not-json', '{"type":"referral.event"'),
        record('not-an-event', '{"type":"referral.event","version":2}'),
      ],
    };
    // Every record failed: the batch fails whole, and SQS keeps both.
    await expect(handler(event, context as unknown as Context)).rejects.toThrow(/All records failed/);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-not-json', VisibilityTimeout: 0 },
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-not-an-event', VisibilityTimeout: 0 },
    ]);
    expect(dynamo.calls()).toHaveLength(0);
    expect(documents.calls()).toHaveLength(0);
  });
});
