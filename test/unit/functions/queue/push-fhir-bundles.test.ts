import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TABLES } from '../../../../adapters/dynamodb/tables.ts';
import { resetContainer } from '../../../../functions/platform/container.ts';
import { QUEUES } from '../../../../functions/queues.ts';

const sqs = mockClient(SQSClient);
const dynamo = mockClient(DynamoDBClient);
const documents = mockClient(DynamoDBDocumentClient);
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/relais-fhirPush.fifo';

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
beforeEach(() => {
  sqs.reset();
  dynamo.reset();
  documents.reset();
});

const record = (id: string, body: string): SQSRecord => ({
  messageId: id,
  receiptHandle: `handle-${id}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'x',
    ApproximateFirstReceiveTimestamp: '0',
    MessageGroupId: id,
    MessageDeduplicationId: id,
    SequenceNumber: '1',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:relais-fhirPush.fifo',
  awsRegion: 'eu-west-1',
});
const context = { getRemainingTimeInMillis: () => 40_000, functionName: 'pushFhirBundles', awsRequestId: 'r' };

const load = async () =>
  (await import('../../../../functions/queue/push-fhir-bundles.ts')) as {
    handler: (e: SQSEvent, c: Context) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;
  };

describe('the FHIR push consumer', () => {
  it('makes a poison message visible again at once and reports it failed, reading nothing', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const { handler } = await load();
    const event: SQSEvent = {
      Records: [record('not-json', '{"type":"fhir.push"'), record('not-a-push', '{"type":"fhir.push","version":2}')],
    };
    await expect(handler(event, context as unknown as Context)).rejects.toThrow(/All records failed/);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-not-json', VisibilityTimeout: 0 },
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'handle-not-a-push', VisibilityTimeout: 0 },
    ]);
    expect(documents.calls()).toHaveLength(0);
  });

  it('is done with a push for an organisation that has no FHIR endpoint, reading only its endpoint', async () => {
    documents.on(GetCommand).resolves({});
    const { handler } = await load();
    const body = JSON.stringify({
      type: 'fhir.push',
      version: 1,
      organisationId: 'org_divas',
      subject: { kind: 'referral', referralId: `ref_${'a'.repeat(26)}`, referralVersion: 1 },
    });
    const result = await handler({ Records: [record('m1', body)] }, context as unknown as Context);
    expect(result.batchItemFailures).toEqual([]);
    expect(documents.commandCalls(GetCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'CHANNEL#org_divas', sk: 'FHIR_ENDPOINT' },
    ]);
    expect(sqs.calls()).toHaveLength(0);
  });
});
