import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRegistryStore } from '../../../adapters/dynamodb/registry-store.ts';
import { getPerson } from '../../../core/registry/manage-persons.ts';
import { matchRecord } from '../../../core/registry/match-record.ts';
import { decideReview, listReviews } from '../../../core/registry/reviews.ts';
import type { Person } from '../../../schemas/canonical/person.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { childOf } from '../../fixtures/registry/households.ts';
import { clustersOf, input, memoryDeps } from '../../fixtures/registry/registry.ts';

let dynamo: TestDynamo;
let store: DynamoRegistryStore;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  store = new DynamoRegistryStore(dynamo.doc, dynamo.tables.registry);
});
afterAll(() => dynamo.close());

const household = {
  family: 'TSHIBANGU',
  postnom: 'Kalombo',
  caregiver: { family: 'ILUNGA', given: 'Marie' },
  phone: '+243898765432',
  village: 'Himbi',
  birth: '2018-02-11',
};

describe('the registry on dynalite', () => {
  it('links, reviews twins, and keeps a "different" decision through re-ingestion', async () => {
    const deps = memoryDeps(store);
    const amani = childOf(household, 'Amani', { sex: 'male' });
    const copy: Person = { ...amani, name: { family: 'Amani', given: 'Chibangu' }, caregivers: [] };
    const first = await matchRecord(deps, input('rec_i1', amani));
    expect(await matchRecord(deps, input('rec_i2', copy, 'org_divas'))).toMatchObject({
      outcome: 'linked',
      personId: first.personId,
    });
    await matchRecord(deps, input('rec_i3', childOf(household, 'Baraka', { sex: 'male' })));

    const { items } = await listReviews(deps);
    expect(items.map((r) => [r.recordId, r.guard])).toEqual([['rec_i3', 'same-household']]);
    await decideReview(deps, items[0]!.id, { decision: 'different', by: 'admin@divas', reason: 'twins' });
    for (const id of ['rec_i1', 'rec_i3'])
      await matchRecord(deps, input(id, id === 'rec_i1' ? amani : childOf(household, 'Baraka', { sex: 'male' })));
    expect(await clustersOf(store, ['rec_i1', 'rec_i2', 'rec_i3'])).toEqual([['rec_i1', 'rec_i2'], ['rec_i3']]);
    const view = await getPerson(deps, first.personId);
    expect(view?.history.items.map((e) => e.action)).toEqual(['create', 'link', 'review-different']);
  });

  it('puts records of one child ingested at the same time into one person, without losing any', async () => {
    const deps = memoryDeps(store);
    const neema = childOf({ ...household, family: 'MUKENDI', phone: '+243811111111' }, 'Neema');
    const ids = ['rec_c1', 'rec_c2', 'rec_c3', 'rec_c4'];
    await Promise.all(ids.map((id) => matchRecord(deps, input(id, neema))));
    expect(await clustersOf(store, ids)).toEqual([ids]);
    const link = await store.getLink('rec_c1');
    const person = (await getPerson(deps, link!.personId))?.person;
    expect(person?.members.map((m) => m.recordId).sort()).toEqual(ids);
  });

  it('refuses a write whose version is stale', async () => {
    const link = {
      recordId: 'rec_v',
      personId: 'per_x',
      subjectHash: 'h',
      version: 1,
      updatedAt: '2026-03-01T10:00:00.000Z',
    };
    expect(await store.putLink(link)).toBe(true);
    expect(await store.putLink(link)).toBe(false);
    expect(await store.putLink({ ...link, version: 2 }, 1)).toBe(true);
    expect(await store.putLink({ ...link, version: 3 }, 1)).toBe(false);
  });
});
