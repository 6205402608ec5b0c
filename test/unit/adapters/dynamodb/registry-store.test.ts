import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../../adapters/dynamodb/client.ts';
import { DynamoRegistryStore } from '../../../../adapters/dynamodb/registry-store.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import type { RecordLink, RegistryPerson, ReviewItem } from '../../../../core/registry/model.ts';
import { BLOCK_CAPACITY } from '../../../../core/registry/ports.ts';

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
  it('files a person in each block with an idempotent set addition, and marks a full block', async () => {
    ddb.on(UpdateCommand).callsFake((input: { Key: { pk: string }; UpdateExpression: string }) => {
      if (input.Key.pk === 'block#full' && input.UpdateExpression === 'ADD #persons :ids')
        throw new ConditionalCheckFailedException({ message: 'full', $metadata: {} });
      return {};
    });
    await store.indexPerson(person.id, ['n|k0|2016', 'full', 'n|k0|2016']);
    const calls = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(calls.filter((c) => c.UpdateExpression === 'ADD #persons :ids').map((c) => c.Key)).toEqual([
      { pk: 'block#n|k0|2016', sk: 'block' },
      { pk: 'block#full', sk: 'block' },
    ]);
    expect(calls[0]).toMatchObject({
      ExpressionAttributeValues: { ':ids': new Set([person.id]), ':id': person.id, ':cap': BLOCK_CAPACITY },
    });
    expect(calls.find((c) => c.UpdateExpression === 'SET #full = :full')?.Key).toEqual({
      pk: 'block#full',
      sk: 'block',
    });
  });

  it('reads blocks from the base table with consistent batch gets, one id past the cap for stop keys', async () => {
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        registry: [
          { pk: 'block#common', sk: 'block', persons: new Set(['p1', 'p2', 'p3', 'p4']) },
          { pk: 'block#rare', sk: 'block', persons: new Set(['p9']) },
          { pk: 'block#full', sk: 'block', persons: new Set(['p5']), full: true },
        ],
      },
    });
    const hits = await store.lookup(['common', 'rare', 'full', 'empty'], 2);
    expect(hits).toEqual([
      { key: 'common', personIds: ['p1', 'p2', 'p3'], overflow: true },
      { key: 'rare', personIds: ['p9'], overflow: false },
      { key: 'full', personIds: ['p5'], overflow: true },
      { key: 'empty', personIds: [], overflow: false },
    ]);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetCommand, 1);
    expect(ddb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.registry).toMatchObject({
      ConsistentRead: true,
    });
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('reads candidate persons with one batch get per hundred ids', async () => {
    ddb
      .on(BatchGetCommand)
      .resolves({ Responses: { registry: [{ pk: `person#${person.id}`, sk: 'person', version: 3, doc: person }] } });
    expect(await store.getPersons([person.id, person.id])).toEqual([person]);
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: { registry: { Keys: [{ pk: `person#${person.id}`, sk: 'person' }], ConsistentRead: true } },
    });
  });

  it('reads persons, links and reviews strongly consistent: matching reasons on reads that see every write', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(BatchGetCommand).resolves({ Responses: { registry: [] } });
    await store.getPerson(person.id);
    await store.getLink('rec_a');
    await store.getReview('rev_1');
    await store.getLinks(['rec_a']);
    await store.getPersons([person.id]);
    const gets = ddb.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead);
    const batches = ddb
      .commandCalls(BatchGetCommand)
      .map((c) => c.args[0].input.RequestItems?.registry?.ConsistentRead);
    expect([...gets, ...batches]).toEqual([true, true, true, true, true]);
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
