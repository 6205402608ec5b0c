import { describe, expect, it } from 'vitest';
import { MemoryRegistryStore } from '../../../../adapters/memory/registry-store.ts';
import { matchSubject } from '../../../../core/matching/subject.ts';
import { mergeInto } from '../../../../core/registry/merge.ts';
import type { RegistryPerson } from '../../../../core/registry/model.ts';
import { resolvePerson } from '../../../../core/registry/persons.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const id = (letter: string) => `per_${letter.repeat(26)}`;

function person(letter: string, recordId: string): RegistryPerson {
  return {
    id: id(letter),
    version: 1,
    status: 'active',
    members: [
      {
        recordId,
        organisationId: 'org_a',
        subject: matchSubject(
          { name: { family: 'KALALA', given: 'Mireille' }, sex: 'female' },
          { recordId, organisationId: 'org_a' },
        ),
        subjectHash: 'h',
        linkedAt: NOW,
        linkedBy: 'matcher',
        distinctFrom: [],
      },
    ],
    createdAt: NOW,
    updatedAt: NOW,
  };
}

describe('mergeInto', () => {
  it('joins into the smaller id as the persons stand now, so merge chains only go down and never cycle', async () => {
    const store = new MemoryRegistryStore();
    for (const [letter, record] of [
      ['a', 'rec_1'],
      ['b', 'rec_2'],
      ['c', 'rec_3'],
    ] as const)
      await store.putPerson(person(letter, record));
    // c has already joined a; a merge then names b and c, as a matcher that read c before that would.
    await mergeInto(store, NOW, { personIds: [id('c'), id('a')], by: 'matcher', reason: 'r' });
    await mergeInto(store, NOW, { personIds: [id('b'), id('c')], by: 'matcher', reason: 'r' });
    const a = await store.getPerson(id('a'));
    expect(a?.status).toBe('active');
    expect(a?.members.map((m) => m.recordId).sort()).toEqual(['rec_1', 'rec_2', 'rec_3']);
    for (const letter of ['b', 'c']) {
      const merged = await store.getPerson(id(letter));
      expect(merged?.mergedInto).toBe(id('a'));
      expect((await resolvePerson(store, id(letter)))?.id).toBe(id('a'));
    }
  });

  it('names the two persons in either order: the smaller id survives', async () => {
    const store = new MemoryRegistryStore();
    await store.putPerson(person('a', 'rec_1'));
    await store.putPerson(person('b', 'rec_2'));
    const survivor = await mergeInto(store, NOW, { personIds: [id('b'), id('a')], by: 'matcher', reason: 'r' });
    expect(survivor?.id).toBe(id('a'));
    expect((await store.getPerson(id('b')))?.mergedInto).toBe(id('a'));
  });
});
