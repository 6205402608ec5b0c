import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { MemoryRegistryStore } from '../../../../adapters/memory/registry-store.ts';
import { readFeed } from '../../../../core/changes/feed.ts';
import { feedingChanges } from '../../../../core/changes/registry-changes.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import { mergeInto } from '../../../../core/registry/merge.ts';
import type { AuditEvent, RegistryPerson } from '../../../../core/registry/model.ts';
import { splitPerson } from '../../../../core/registry/split.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const clock = { now: () => new Date(NOW) };
const id = (letter: string) => `per_${letter.repeat(26)}`;
const rec = (letter: string) => `rec_${letter.repeat(26)}`;

function person(letter: string, members: Array<[recordId: string, organisationId: string]>): RegistryPerson {
  return {
    id: id(letter),
    version: 1,
    status: 'active',
    members: members.map(([recordId, organisationId]) => ({
      recordId,
      organisationId,
      subject: matchSubject(
        { name: { family: 'KALALA', given: 'Mireille' }, sex: 'female' },
        { recordId, organisationId },
      ),
      subjectHash: 'h',
      linkedAt: NOW,
      linkedBy: 'matcher',
      distinctFrom: [],
    })),
    createdAt: NOW,
    updatedAt: NOW,
  };
}

const changesOf = async (changes: MemoryChangeStore, feed: string) =>
  (await readFeed({ changes, clock }, feed, 0, 100)).entries.map((e) => e.change);

describe('registry changes, fed from the audit trail', () => {
  it('tells each organisation a merge moved records of, naming its own records only', async () => {
    const changes = new MemoryChangeStore();
    const store = feedingChanges(new MemoryRegistryStore(), { changes, clock });
    await store.putPerson(person('a', [[rec('a'), 'org_one']]));
    await store.putPerson(
      person('b', [
        [rec('b'), 'org_one'],
        [rec('c'), 'org_two'],
      ]),
    );
    await mergeInto(store, NOW, {
      personIds: [id('a'), id('b')],
      by: 'key:k1',
      byOrganisationId: 'org_one',
      reason: 'same',
    });
    const merged = { type: 'person.merged', at: NOW, personId: id('a'), relatedPersonId: id('b') };
    expect(await changesOf(changes, 'org_one')).toEqual([{ ...merged, recordIds: [rec('b')] }]);
    expect(await changesOf(changes, 'org_two')).toEqual([{ ...merged, recordIds: [rec('c')] }]);
    expect(await changesOf(changes, 'org_three')).toEqual([]);
  });

  it('tells a split from each of the two persons, to the organisation whose records left', async () => {
    const changes = new MemoryChangeStore();
    const store = feedingChanges(new MemoryRegistryStore(), { changes, clock });
    await store.putPerson(
      person('a', [
        [rec('a'), 'org_one'],
        [rec('b'), 'org_one'],
      ]),
    );
    const split = await splitPerson(
      { store, clock },
      { personId: id('a'), recordIds: [rec('b')], by: 'key:k1', byOrganisationId: 'org_one', reason: 'twins' },
    );
    const told = await changesOf(changes, 'org_one');
    expect(told.map((c) => c.type)).toEqual(['person.split', 'person.split']);
    expect(told.map((c) => ('personId' in c ? [c.personId, c.relatedPersonId] : [])).sort()).toEqual(
      [
        [id('a'), split.id],
        [split.id, id('a')],
      ].sort(),
    );
    expect(told.every((c) => 'recordIds' in c && c.recordIds.join() === rec('b'))).toBe(true);
  });

  it('appends before the audit event, once per audit id, and leaves review decisions and updates out', async () => {
    const changes = new MemoryChangeStore();
    const inner = new MemoryRegistryStore();
    const seenAtAudit: number[] = [];
    const original = inner.appendAudit.bind(inner);
    inner.appendAudit = async (event) => {
      seenAtAudit.push((await changesOf(changes, 'org_one')).length);
      return original(event);
    };
    const store = feedingChanges(inner, { changes, clock });
    const event = (action: AuditEvent['action'], n: number): AuditEvent => ({
      id: `aud_${String(n).padStart(32, '0')}`,
      personId: id('a'),
      at: NOW,
      action,
      by: 'matcher',
      reason: 'r',
      recordIds: [rec('a')],
      recordOrganisations: { [rec('a')]: 'org_one' },
    });
    await store.appendAudit(event('link', 1));
    await store.appendAudit(event('link', 1)); // a retried step
    for (const [n, action] of (['update', 'review-opened', 'review-same', 'review-different'] as const).entries())
      await store.appendAudit(event(action, n + 2));
    expect(seenAtAudit[0]).toBe(1);
    expect(await changesOf(changes, 'org_one')).toEqual([
      { type: 'person.linked', at: NOW, personId: id('a'), recordIds: [rec('a')] },
    ]);
    expect((await inner.listAudit(id('a'), { limit: 10 })).items).toHaveLength(5);
  });
});
