import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../adapters/dynamodb/client.ts';
import { startDynalite, type LocalDynamo } from '../../../adapters/local/dynalite-server.ts';
import { startLocalSqs, type LocalSqs } from '../../../adapters/local/sqs-server.ts';
import { type SdkRequest, observeSdkRequests } from '../../../adapters/sdk-requests.ts';
import { createSqsClient } from '../../../adapters/sqs/client.ts';

let dynalite: LocalDynamo;
let sqsServer: LocalSqs;
let stops: Array<() => void> = [];
const observe = () => {
  const seen: SdkRequest[] = [];
  stops.push(observeSdkRequests((r) => seen.push(r)));
  return seen;
};

beforeAll(async () => {
  dynalite = await startDynalite();
  sqsServer = await startLocalSqs();
});
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});
afterAll(async () => {
  await sqsServer?.close();
  await dynalite?.close();
});

describe('observing the SDK requests of the clients Relais builds', () => {
  it('reports each DynamoDB request by action and table, the document client’s too, until observing stops', async () => {
    const { client, doc } = createDynamoClients({ endpoint: dynalite.endpoint });
    const seen = observe();
    await client.send(
      new CreateTableCommand({
        TableName: 'observed',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await doc.send(new PutCommand({ TableName: 'observed', Item: { id: 'a', name: 'Aline' } }));
    await doc.send(new GetCommand({ TableName: 'observed', Key: { id: 'a' } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { observed: [{ PutRequest: { Item: { id: 'b' } } }] } }));
    expect(seen).toEqual([
      { service: 'DynamoDB', command: 'CreateTable', resource: 'observed' },
      { service: 'DynamoDB', command: 'PutItem', resource: 'observed' },
      { service: 'DynamoDB', command: 'GetItem', resource: 'observed' },
      // A batch names its tables.
      { service: 'DynamoDB', command: 'BatchWriteItem', resource: 'observed' },
    ]);
    // What the request carried (here a name) is never handed to the observer.
    expect(JSON.stringify(seen)).not.toContain('Aline');
    stops.pop()!();
    await doc.send(new GetCommand({ TableName: 'observed', Key: { id: 'a' } }));
    expect(seen).toHaveLength(4);
    client.destroy();
  });

  it('reports SQS requests with their queue, and how many messages each receive returned', async () => {
    const sqs = createSqsClient({ endpoint: sqsServer.endpoint });
    const seen = observe();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'observed' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    expect(seen).toEqual([
      { service: 'SQS', command: 'CreateQueue' },
      { service: 'SQS', command: 'SendMessage', resource: QueueUrl },
      { service: 'SQS', command: 'ReceiveMessage', resource: QueueUrl, received: 1 },
      { service: 'SQS', command: 'ReceiveMessage', resource: QueueUrl, received: 0 },
    ]);
    sqs.destroy();
  });

  it('reports a request that failed, and a throwing observer fails no request', async () => {
    const { client, doc } = createDynamoClients({ endpoint: dynalite.endpoint });
    const seen = observe();
    stops.push(
      observeSdkRequests(() => {
        throw new Error('a broken observer');
      }),
    );
    await expect(doc.send(new GetCommand({ TableName: 'missing', Key: { id: 'a' } }))).rejects.toThrow(
      /resource not found/,
    );
    await expect(client.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
    expect(seen).toEqual([
      { service: 'DynamoDB', command: 'GetItem', resource: 'missing' },
      { service: 'DynamoDB', command: 'ListTables' },
    ]);
    client.destroy();
  });

  it('counts every attempt of a retried request, as AWS bills them', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { client, doc } = createDynamoClients({ endpoint: `http://127.0.0.1:${port}` });
    const seen = observe();
    await expect(doc.send(new GetCommand({ TableName: 'nowhere', Key: { id: 'a' } }))).rejects.toThrow();
    // createDynamoClients allows 3 attempts; a refused connection is retried until they are spent.
    expect(seen.map((r) => r.command)).toEqual(['GetItem', 'GetItem', 'GetItem']);
    client.destroy();
  });
});
