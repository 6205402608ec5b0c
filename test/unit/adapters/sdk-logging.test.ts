import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../adapters/dynamodb/client.ts';
import { createSqsClient } from '../../../adapters/sqs/client.ts';

const logging = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().filter((step) => step.startsWith('loggerMiddleware'));

describe("Relais's AWS clients", () => {
  it('have no SDK logging step, which would copy items and message bodies on every request', () => {
    // The SDK's own clients have it: the check below can fail.
    expect(logging(new DynamoDBClient({ region: 'eu-west-1' }))).not.toEqual([]);
    expect(logging(new SQSClient({ region: 'eu-west-1' }))).not.toEqual([]);
    const { client, doc } = createDynamoClients({ endpoint: 'http://127.0.0.1:1' });
    expect(logging(client)).toEqual([]);
    expect(logging(doc)).toEqual([]);
    expect(logging(createSqsClient({ endpoint: 'http://127.0.0.1:1' }))).toEqual([]);
  });
});
