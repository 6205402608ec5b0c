import { describe, expect, it } from 'vitest';
import { MemoryRegistryStore } from '../../../../adapters/memory/registry-store.ts';
import { indexKeys } from '../../../../core/matching/blocking.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import { findCandidates } from '../../../../core/registry/find-candidates.ts';
import { getPerson, mergePersons, splitPerson } from '../../../../core/registry/manage-persons.ts';
import { matchRecord } from '../../../../core/registry/match-record.ts';
import { personIdFor } from '../../../../core/registry/ids.ts';
import { decideReview, listReviews } from '../../../../core/registry/reviews.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import { childOf, mirabelle, mireille } from '../../../fixtures/registry/households.ts';
import { clustersOf, input, memoryDeps } from '../../../fixtures/registry/registry.ts';

const household = {
  family: 'KABASELE',
  postnom: 'Tshimanga',
  caregiver: { family: 'MWAMBA', given: 'Esther' },
  phone: '+243812345678',
  village: 'Kasapa',
  birth: '2016-04-09',
};
const neema = childOf(household, 'Neema');
const neemaElsewhere: Person = {
  ...neema,
  name: { family: 'Neema', given: 'KABASELE TSHIMANGA' },
  caregivers: [],
  birthDate: { value: '2016-09-04', precision: 'exact' },
};
const furaha = childOf(household, 'Furaha');

describe('matchRecord', () => {
  it('creates a person for a new child, links a second record of it, and explains both in the audit trail', async () => {
    const deps = memoryDeps();
    const first = await matchRecord(deps, input('rec_a', neema));
    const second = await matchRecord(deps, input('rec_b', neemaElsewhere, 'org_war-child'));
    expect(first.outcome).toBe('created');
    expect(second).toMatchObject({ outcome: 'linked', personId: first.personId });
    const view = await getPerson(deps, first.personId);
    expect(view?.person.members.map((m) => m.recordId)).toEqual(['rec_a', 'rec_b']);
    expect(view?.history.items.map((e) => [e.action, e.by, e.recordIds])).toEqual([
      ['create', 'matcher', ['rec_a']],
      ['link', 'matcher', ['rec_b']],
    ]);
    expect(view?.history.items[1]?.fields?.map((f) => f.field)).toEqual(['name', 'birth', 'sex', 'location', 'phone']);
  });

  it('does nothing when the same record comes again', async () => {
    const deps = memoryDeps();
    const first = await matchRecord(deps, input('rec_a', neema));
    const again = await matchRecord(deps, input('rec_a', neema));
    expect(again).toMatchObject({ outcome: 'unchanged', personId: first.personId, compared: 0 });
    expect((await getPerson(deps, first.personId))?.person.version).toBe(1);
  });

  it('finishes on its next run a matching stopped after any write: link, blocks and the join all there', async () => {
    const writes = ['putPerson', 'indexPerson', 'unindexPerson', 'appendAudit', 'putReview', 'putLink'];
    // Stopped before its k-th write, for every k a full run makes.
    for (let stopAt = 0; ; stopAt++) {
      const store = new MemoryRegistryStore();
      await matchRecord(memoryDeps(store), input('rec_a', neema));
      let made = 0;
      const stopping = new Proxy(store, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (writes.includes(String(name)) && made++ === stopAt) throw new Error('stopped');
            return value.apply(target, args);
          };
        },
      });
      const stopped = await matchRecord(memoryDeps(stopping), input('rec_b', neemaElsewhere, 'org_war-child')).then(
        () => false,
        () => true,
      );
      if (!stopped) break;
      await matchRecord(memoryDeps(store), input('rec_b', neemaElsewhere, 'org_war-child'));
      expect(await clustersOf(store, ['rec_a', 'rec_b']), `stopped before write ${stopAt}`).toEqual([
        ['rec_a', 'rec_b'],
      ]);
      const person = (await store.getLink('rec_b'))!.personId;
      const keys = indexKeys(matchSubject(neemaElsewhere, { recordId: 'rec_b', organisationId: 'org_war-child' }));
      for (const hit of await store.lookup(keys, 100)) expect(hit.personIds, hit.key).toContain(person);
    }
  });

  it('updates what it knows of a linked record whose content changed, without moving it', async () => {
    const deps = memoryDeps();
    const first = await matchRecord(deps, input('rec_a', neema));
    const changed = await matchRecord(deps, input('rec_a', { ...neema, sex: 'unknown' }));
    expect(changed).toMatchObject({ outcome: 'updated', personId: first.personId });
    expect((await getPerson(deps, first.personId))?.person.members[0]?.subject.sex).toBeUndefined();
  });

  it('never links twins with close prénoms (Mireille, Mirabelle): two persons and one review', async () => {
    const deps = memoryDeps();
    const a = await matchRecord(deps, input('rec_mireille', mireille));
    const b = await matchRecord(deps, input('rec_mirabelle', mirabelle));
    expect(b.personId).not.toBe(a.personId);
    const { items } = await listReviews(deps);
    expect(items.map((r) => r.guard)).toEqual(['same-household']);
  });

  it('opens a review item for twins instead of linking them', async () => {
    const deps = memoryDeps();
    const a = await matchRecord(deps, input('rec_a', neema));
    const b = await matchRecord(deps, input('rec_b', furaha));
    expect(b.outcome).toBe('created');
    expect(b.personId).not.toBe(a.personId);
    const { items } = await listReviews(deps);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      recordId: 'rec_b',
      candidatePersonId: a.personId,
      candidateRecordId: 'rec_a',
      guard: 'same-household',
      status: 'open',
    });
  });
});

describe('decideReview', () => {
  it('remembers "different persons" through re-ingestion of both records, changed or not', async () => {
    const deps = memoryDeps();
    await matchRecord(deps, input('rec_a', neema));
    await matchRecord(deps, input('rec_b', furaha));
    const [review] = (await listReviews(deps)).items;
    await decideReview(deps, review!.id, {
      decision: 'different',
      by: 'admin@divas',
      reason: 'twins, seen by case worker',
    });
    await matchRecord(deps, input('rec_a', neema));
    await matchRecord(deps, input('rec_b', { ...furaha, name: { ...furaha.name, given: 'Neema' } }));
    await matchRecord(deps, input('rec_b', furaha));
    expect(await clustersOf(deps.store, ['rec_a', 'rec_b'])).toEqual([['rec_a'], ['rec_b']]);
    expect((await listReviews(deps)).items).toHaveLength(0);
    expect((await listReviews(deps, { status: 'different' })).items).toHaveLength(1);
  });

  it('merges on "same person", audited with who and why, and refuses any second decision', async () => {
    const deps = memoryDeps();
    await matchRecord(deps, input('rec_a', neema));
    await matchRecord(deps, input('rec_b', furaha));
    const [review] = (await listReviews(deps)).items;
    const decided = await decideReview(deps, review!.id, { decision: 'same', by: 'admin@divas', reason: 'nickname' });
    expect(decided).toMatchObject({ status: 'same', decidedBy: 'admin@divas' });
    expect(await clustersOf(deps.store, ['rec_a', 'rec_b'])).toEqual([['rec_a', 'rec_b']]);
    await expect(
      decideReview(deps, review!.id, { decision: 'same', by: 'admin@divas', reason: 'again' }),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'review-decided' });
    await expect(
      decideReview(deps, review!.id, { decision: 'different', by: 'admin@divas', reason: 'oops' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const person = await getPerson(deps, review!.personId);
    expect(person?.history.items.filter((e) => e.by === 'admin@divas').map((e) => e.action)).toEqual(
      expect.arrayContaining(['merge', 'review-same']),
    );
  });
});

describe('one review per pair of persons', () => {
  it('keeps one open review however many copies of a child arrive, and deciding it settles the pair', async () => {
    const deps = memoryDeps();
    const neemaPerson = (await matchRecord(deps, input('rec_neema', neema))).personId;
    const copies = Array.from({ length: 120 }, (_, i) => `rec_furaha_${String(i).padStart(3, '0')}`);
    for (const id of copies) await matchRecord(deps, input(id, furaha, i(id)));
    const open = (await listReviews(deps, { limit: 100 })).items;
    expect(open).toHaveLength(1);
    expect([open[0]!.personId, open[0]!.candidatePersonId]).toContain(neemaPerson);
    await decideReview(deps, open[0]!.id, { decision: 'different', by: 'admin@avsi', reason: 'twins' });
    await matchRecord(deps, input('rec_furaha_late', furaha, 'org_save'));
    expect((await listReviews(deps)).items).toEqual([]);
    expect((await listReviews(deps, { status: 'different' })).items).toHaveLength(1);
  });
});

/** Copies come from several organisations, as when one child is registered again and again. */
const i = (id: string) => ['org_avsi', 'org_save', 'org_war-child'][Number(id.slice(-3)) % 3]!;

describe('mergePersons and splitPerson', () => {
  it('splits records out for good and merges persons on request, each step audited', async () => {
    const deps = memoryDeps();
    const a = await matchRecord(deps, input('rec_a', neema));
    await matchRecord(deps, input('rec_b', neemaElsewhere));
    const split = await splitPerson(deps, {
      personId: a.personId,
      recordIds: ['rec_b'],
      by: 'admin@avsi',
      reason: 'another child',
    });
    await matchRecord(deps, input('rec_b', neemaElsewhere));
    await matchRecord(deps, input('rec_c', neema, 'org_save'));
    expect(await clustersOf(deps.store, ['rec_a', 'rec_b'])).toEqual([['rec_a'], ['rec_b']]);

    const merged = await mergePersons(deps, {
      targetId: a.personId,
      sourceId: split.id,
      by: 'admin@avsi',
      reason: 'was right after all',
    });
    expect(merged.members.map((m) => m.recordId).sort()).toEqual(['rec_a', 'rec_b', 'rec_c']);
    expect((await getPerson(deps, split.id))?.person.id).toBe(a.personId);
    const actions = (await getPerson(deps, a.personId))?.history.items.map((e) => `${e.action}:${e.by}`);
    expect(actions).toEqual(expect.arrayContaining(['split:admin@avsi', 'merge:admin@avsi']));
  });
});

describe('findCandidates', () => {
  it('scores persons with explanations and stores nothing', async () => {
    const store = new MemoryRegistryStore();
    const deps = memoryDeps(store);
    const a = await matchRecord(deps, input('rec_a', neema));
    const before = JSON.stringify(store);
    const candidates = await findCandidates(deps, neemaElsewhere);
    expect(JSON.stringify(store)).toBe(before);
    expect(candidates[0]).toMatchObject({ personId: a.personId, outcome: 'link', closestRecordId: 'rec_a' });
    expect(candidates[0]?.fields.length).toBeGreaterThan(0);
  });
});

describe('matchRecord tells which persons it joined', () => {
  it('names the person a concurrent record of the same child created, once the two are joined', async () => {
    const deps = memoryDeps();
    const [a, b] = await Promise.all([
      matchRecord(deps, input('rec_a', neema)),
      matchRecord(deps, input('rec_b', neemaElsewhere, 'org_war-child')),
    ]);
    expect(a.personId).toBe(b.personId);
    const created = [personIdFor('rec_a'), personIdFor('rec_b')];
    const absorbed = created.filter((id) => id !== a.personId);
    expect(absorbed).toHaveLength(1);
    // Whoever did the join says so: what depends on persons (the statistics rows) looks at the absorbed one again.
    expect([...(a.joined ?? []), ...(b.joined ?? [])]).toContain(absorbed[0]);
  });

  it('names none when nothing was joined', async () => {
    const deps = memoryDeps();
    expect((await matchRecord(deps, input('rec_a', neema))).joined).toBeUndefined();
    expect((await matchRecord(deps, input('rec_b', neemaElsewhere, 'org_war-child'))).joined).toBeUndefined();
  });
});
