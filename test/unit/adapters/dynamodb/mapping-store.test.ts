import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../../adapters/dynamodb/client.ts';
import { DynamoMappingStore } from '../../../../adapters/dynamodb/mapping-store.ts';
import { type MappingVersion, MappingVersionTakenError } from '../../../../core/mapping/ports.ts';

const version: MappingVersion = {
  sourceId: 'src_kobo-kananga',
  version: 12,
  mapping: {
    id: 'kobo-kananga',
    tool: 'kobotoolbox',
    fields: {
      '/sourceRecordId': { from: '_uuid' },
      '/person/sex': { value: 'unknown' },
      '/case/status': { value: 'open' },
    },
  },
  author: 'key_admin01',
  createdAt: '2026-03-02T08:00:00.000Z',
  diff: { added: ['/case/status'], removed: [], changed: [], settings: [] },
};

const { doc } = createDynamoClients({ endpoint: 'http://127.0.0.1:1' });
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoMappingStore(doc, 'directory');
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('DynamoMappingStore.putVersion', () => {
  it('creates the version item only if its key is free, under a zero-padded sort key', async () => {
    ddb.on(PutCommand).resolves({});
    await store.putVersion(version);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'directory',
      Item: { pk: 'SRC#src_kobo-kananga', sk: 'MAPPING#000012', ...version },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('reports a number another writer took first', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    await expect(store.putVersion(version)).rejects.toBeInstanceOf(MappingVersionTakenError);
  });
});

describe('DynamoMappingStore.latestVersion', () => {
  it('reads the highest version with one consistent, descending query of the source', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ pk: 'SRC#src_kobo-kananga', sk: 'MAPPING#000012', ...version }] });
    expect(await store.latestVersion('src_kobo-kananga')).toEqual(version);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'SRC#src_kobo-kananga', ':prefix': 'MAPPING#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
  });
});

describe('DynamoMappingStore.activate', () => {
  const active = {
    sourceId: 'src_kobo-kananga',
    version: 12,
    activatedAt: '2026-03-03T09:00:00.000Z',
    activatedBy: 'key_admin01',
  };

  it('stamps the existing version, then points ACTIVE_MAPPING at it', async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    expect(await store.activate(active)).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: 'SRC#src_kobo-kananga', sk: 'MAPPING#000012' },
      ConditionExpression: 'attribute_exists(pk)',
      UpdateExpression: 'SET lastActivatedAt = :at, lastActivatedBy = :by',
    });
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: { pk: 'SRC#src_kobo-kananga', sk: 'ACTIVE_MAPPING', ...active },
    });
  });

  it('refuses a version that does not exist and leaves the live one alone', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await store.activate(active)).toBe(false);
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 0);
  });

  it('reads the live version without the key attributes', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'SRC#src_kobo-kananga', sk: 'ACTIVE_MAPPING', ...active } });
    expect(await store.getActive('src_kobo-kananga')).toEqual(active);
  });
});
