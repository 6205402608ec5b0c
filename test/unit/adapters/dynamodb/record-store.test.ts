import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../../adapters/dynamodb/client.ts';
import { DynamoRecordStore } from '../../../../adapters/dynamodb/record-store.ts';
import type { CanonicalRecord } from '../../../../schemas/canonical/index.ts';

const record: CanonicalRecord = {
  schemaVersion: '1',
  id: 'rec_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  organisationId: 'org_alpha',
  person: { name: { given: 'Amani' }, sex: 'male' },
  case: { status: 'open' },
  provenance: {
    sourceId: 'src_a',
    sourceRecordId: 'k-1',
    sourceUpdatedAt: '2026-03-01T10:00:00Z',
    mappingVersion: 'canonical@1',
    receivedAt: '2026-03-02T00:00:00.000Z',
    contentHash: 'a'.repeat(64),
  },
  storedAt: '2026-03-02T00:00:00.000Z',
};

const { doc } = createDynamoClients({ endpoint: 'http://127.0.0.1:1' });
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoRecordStore(doc, 'records');

beforeEach(() => ddb.reset());

describe('DynamoRecordStore.put', () => {
  it('writes once, conditionally: a new item, or strictly newer content with a later change key', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store.put(record)).toBe('created');
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'records',
      ConditionExpression:
        'attribute_not_exists(id) OR (orderKey < :orderKey AND contentHash <> :contentHash AND changeKey < :changeKey)',
      ExpressionAttributeValues: {
        ':orderKey': `2026-03-01T10:00:00.000Z#${'a'.repeat(64)}`,
        ':contentHash': 'a'.repeat(64),
        ':changeKey': `${record.storedAt}#${record.id}`,
      },
      ReturnValues: 'ALL_OLD',
    });
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
  });

  it('reports an update when an older item was replaced', async () => {
    ddb.on(PutCommand).resolves({ Attributes: { id: record.id } });
    expect(await store.put(record)).toBe('updated');
  });

  it('reports unchanged when the condition fails and the stored version is the same or newer', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { record } });
    expect(await store.put(record)).toBe('unchanged');
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { id: record.id }, ConsistentRead: true });
  });

  it('writes newer content stored after a later-written older version just after it, on the condition again', async () => {
    const older = {
      ...record,
      provenance: { ...record.provenance, sourceUpdatedAt: '2026-02-01T00:00:00Z', contentHash: 'b'.repeat(64) },
      storedAt: '2026-03-09T00:00:00.000Z',
    };
    ddb
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))
      .resolves({ Attributes: { id: record.id } });
    ddb.on(GetCommand).resolves({ Item: { record: older } });
    expect(await store.put(record)).toBe('updated');
    const second = ddb.commandCalls(PutCommand)[1]!.args[0].input;
    expect((second.Item as any).record.storedAt).toBe('2026-03-09T00:00:00.001Z');
    expect(second.ExpressionAttributeValues![':changeKey']).toBe(`2026-03-09T00:00:00.001Z#${record.id}`);
  });

  it('lets other storage errors through', async () => {
    ddb.on(PutCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(store.put(record)).rejects.toThrow('slow down');
  });
});

describe('DynamoRecordStore.list', () => {
  it('queries the organisation index, strictly after updatedSince', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ record }] });
    const page = await store.list({ organisationId: 'org_alpha', updatedSince: '2026-03-01T00:00:00Z', limit: 10 });
    expect(page.items).toEqual([record]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'byOrganisation',
      KeyConditionExpression: '#p = :p AND changeKey > :since',
      ExpressionAttributeValues: { ':p': 'org_alpha', ':since': '2026-03-01T00:00:00.000Z#~' },
      Limit: 10,
    });
  });

  it('keeps a source query inside the caller organisation with a filter', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await store.list({ organisationId: 'org_alpha', sourceId: 'src_b', limit: 5 });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'bySource',
      KeyConditionExpression: '#p = :p',
      FilterExpression: 'organisationId = :org',
      ExpressionAttributeValues: { ':p': 'src_b', ':org': 'org_alpha' },
    });
  });
});
