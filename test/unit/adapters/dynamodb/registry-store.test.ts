import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../../adapters/dynamodb/client.ts';
import { DynamoRegistryStore } from '../../../../adapters/dynamodb/registry-store.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import type { RecordLink, RegistryPerson, ReviewItem } from '../../../../core/registry/model.ts';

const { doc } = createDynamoClients({ endpoint: 'http://127.0.0.1:1' });
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoRegistryStore(doc, 'registry');
const at = '2026-03-01T10:00:00.000Z';

const link: RecordLink = {
  recordId: 'rec_a',
  personId: 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  subjectHash: 'h',
  version: 2,
  updatedAt: at,
};
const person: RegistryPerson = {
  id: 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  version: 3,
  status: 'active',
  members: [
    {
      recordId: 'rec_a',
      organisationId: 'org_a',
      subject: matchSubject(
        { name: { given: 'Neema' }, sex: 'female' },
        { recordId: 'rec_a', organisationId: 'org_a' },
      ),
      subjectHash: 'h',
      linkedAt: at,
      linkedBy: 'matcher',
      distinctFrom: [],
    },
  ],
  createdAt: at,
  updatedAt: at,
};
const review: ReviewItem = {
  id: 'rev_1',
  status: 'open',
  recordId: 'rec_b',
  personId: 'per_b',
  candidatePersonId: person.id,
  candidateRecordId: 'rec_a',
  score: 9,
  fields: [],
  createdAt: at,
  version: 1,
};
const conflict = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('DynamoRegistryStore conditional writes', () => {
  it('creates an item only if absent', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store.putLink({ ...link, version: 1 })).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'registry',
      Item: { pk: 'record#rec_a', sk: 'link', version: 1, doc: { ...link, version: 1 } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('replaces an item only if its stored version is the one read', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store.putPerson(person, 2)).toBe(true);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: { pk: `person#${person.id}`, sk: 'person', version: 3, doc: person },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 2 },
    });
  });

  it('answers false when the condition fails, and lets other errors through', async () => {
    ddb
      .on(PutCommand)
      .rejectsOnce(conflict())
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    expect(await store.putPerson(person, 2)).toBe(false);
    await expect(store.putPerson(person, 2)).rejects.toThrow('slow down');
  });

  it('files review items under their status for the review queue', async () => {
    ddb.on(PutCommand).resolves({});
    await store.putReview(review);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: {
        pk: 'review#rev_1',
        sk: 'review',
        reviewStatus: 'open',
        reviewOrder: `${at}#rev_1`,
        version: 1,
        doc: review,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('writes audit events once: a retried event is absorbed by the create condition', async () => {
    ddb.on(PutCommand).rejects(conflict());
    await expect(
      store.appendAudit({
        id: 'aud_1',
        personId: person.id,
        at,
        action: 'link',
        by: 'matcher',
        reason: 'r',
        recordIds: ['rec_a'],
      }),
    ).resolves.toBeUndefined();
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ pk: `person#${person.id}`, sk: 'audit#aud_1' }),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });
});

describe('DynamoRegistryStore blocking index', () => {
  it('writes key entries in batches of 25 and retries unprocessed ones', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `n|k${i}|2016`);
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { registry: [{ PutRequest: { Item: { pk: 'x', sk: 'y' } } }] } })
      .resolves({});
    await store.indexPerson(person.id, keys);
    expect(ddb).toHaveReceivedCommandTimes(BatchWriteCommand, 3);
    expect(ddb.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems?.registry?.[0]).toEqual({
      PutRequest: { Item: { pk: `person#${person.id}`, sk: 'key#n|k0|2016', bk: 'n|k0|2016', bkPerson: person.id } },
    });
  });

  it('queries the GSI one key at a time, reading one id past the cap to spot stop keys', async () => {
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':key': 'common' } })
      .resolves({ Items: [{ bkPerson: 'p1' }, { bkPerson: 'p2' }, { bkPerson: 'p3' }] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':key': 'rare' } }).resolves({ Items: [{ bkPerson: 'p9' }] });
    const hits = await store.lookup(['common', 'rare'], 2);
    expect(hits).toEqual([
      { key: 'common', personIds: ['p1', 'p2', 'p3'], overflow: true },
      { key: 'rare', personIds: ['p9'], overflow: false },
    ]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'byBlockingKey',
      KeyConditionExpression: 'bk = :key',
      ProjectionExpression: 'bkPerson',
      Limit: 3,
    });
  });

  it('reads candidate persons with one batch get per hundred ids', async () => {
    ddb
      .on(BatchGetCommand)
      .resolves({ Responses: { registry: [{ pk: `person#${person.id}`, sk: 'person', version: 3, doc: person }] } });
    expect(await store.getPersons([person.id, person.id])).toEqual([person]);
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: { registry: { Keys: [{ pk: `person#${person.id}`, sk: 'person' }] } },
    });
  });

  it('rejects a review cursor from another status', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ reviewStatus: 'same', pk: 'review#x', sk: 'review', reviewOrder: 'o' }),
    ).toString('base64url');
    await expect(store.listReviews({ status: 'open', limit: 10, cursor })).rejects.toMatchObject({
      reason: 'invalid-cursor',
    });
  });
});
