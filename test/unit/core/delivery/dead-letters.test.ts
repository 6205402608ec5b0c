import { describe, expect, it } from 'vitest';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import {
  type DeadLetterDeps,
  type DeadLetterQueue,
  listDeadLetters,
  redriveDeadLetters,
} from '../../../../core/delivery/dead-letters.ts';
import type { DeadLetter } from '../../../../schemas/api/dead-letters.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';

const admin = (organisationId: string): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: `key_${organisationId}` },
});

let drawn = 0;
const letterFor = (referralId: string, referralVersion: number, recipientOrganisationId: string): DeadLetter => ({
  messageId: `msg-${++drawn}`,
  referralId,
  eventId: `evt_${'a'.repeat(25)}${'bcdefghijk'[drawn % 10]}`,
  referralVersion,
  recipientOrganisationId,
  series: 0,
  sentAt: '2026-12-04T10:00:00.000Z',
  receives: 26,
});

/** A DLQ in memory: what the port promises, and every call to it. */
function fakeQueue(letters: DeadLetter[]): DeadLetterQueue & { left: DeadLetter[]; redriven: DeadLetter[] } {
  const queue = {
    left: [...letters],
    redriven: [] as DeadLetter[],
    list: async () => [...queue.left],
    redrive: async (select: (l: DeadLetter) => boolean) => {
      const moved = queue.left.filter(select);
      queue.left = queue.left.filter((l) => !select(l));
      queue.redriven.push(...moved);
      return moved;
    },
  };
  return queue;
}

/**
 * Espoir referred one child to DIVAS (two versions dead-lettered) and DIVAS one to Gamma; a letter is left
 * for a referral that no longer exists. Every read of the store is counted.
 */
async function setup() {
  const store = new MemoryReferralStore();
  const espoirToDivas = storedReferral();
  const divasToGamma = storedReferral({
    referring: { organisationId: 'org_divas' },
    receiving: { organisationId: 'org_gamma', serviceId: 'svc_00000000000000b2' },
  });
  await store.create(espoirToDivas);
  await store.create(divasToGamma);
  const letters = [
    letterFor(espoirToDivas.id, 1, 'org_divas'),
    letterFor(espoirToDivas.id, 2, 'org_espoir'),
    letterFor(divasToGamma.id, 1, 'org_gamma'),
    letterFor('ref_zzzzzzzzzzzzzzzzzzzzzzzzzz', 1, 'org_espoir'),
  ];
  const queue = fakeQueue(letters);
  const reads: string[] = [];
  const deps: DeadLetterDeps = {
    deadLetters: queue,
    referrals: {
      get: (id) => {
        reads.push(id);
        return store.get(id);
      },
    },
  };
  return { deps, queue, reads, letters, espoirToDivas, divasToGamma };
}

describe('dead letters for an organisation admin', () => {
  it('lists the letters of referrals the organisation sent or received, and no other', async () => {
    const { deps, letters } = await setup();
    expect(await listDeadLetters(deps, admin('org_espoir'))).toEqual([letters[0], letters[1]]);
    expect(await listDeadLetters(deps, admin('org_divas'))).toEqual([letters[0], letters[1], letters[2]]);
    expect(await listDeadLetters(deps, admin('org_gamma'))).toEqual([letters[2]]);
    expect(await listDeadLetters(deps, admin('org_other'))).toEqual([]);
  });

  it('reads each distinct referral once, however many of its letters the DLQ holds', async () => {
    const { deps, reads } = await setup();
    await listDeadLetters(deps, admin('org_espoir'));
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads).toHaveLength(3);
  });

  it("redrives all the organisation's letters and leaves every other letter in the DLQ", async () => {
    const { deps, queue, letters } = await setup();
    expect(await redriveDeadLetters(deps, admin('org_espoir'))).toEqual([letters[0], letters[1]]);
    expect(queue.left).toEqual([letters[2], letters[3]]);
  });

  it('redrives only the named referrals, and passes over a named referral the organisation is no party to', async () => {
    const { deps, queue, letters, espoirToDivas, divasToGamma } = await setup();
    expect(await redriveDeadLetters(deps, admin('org_espoir'), [divasToGamma.id])).toEqual([]);
    expect(queue.left).toEqual(letters);
    expect(await redriveDeadLetters(deps, admin('org_divas'), [divasToGamma.id])).toEqual([letters[2]]);
    expect(queue.left).toEqual([letters[0], letters[1], letters[3]]);
    expect(await redriveDeadLetters(deps, admin('org_espoir'), [espoirToDivas.id, divasToGamma.id])).toEqual([
      letters[0],
      letters[1],
    ]);
    expect(queue.left).toEqual([letters[3]]);
  });

  it('redrives nothing for an organisation with no letter, and lets nobody redrive a letter of a vanished referral', async () => {
    const { deps, queue, letters } = await setup();
    expect(await redriveDeadLetters(deps, admin('org_other'))).toEqual([]);
    expect(await redriveDeadLetters(deps, admin('org_espoir'), ['ref_zzzzzzzzzzzzzzzzzzzzzzzzzz'])).toEqual([]);
    expect(queue.left).toEqual(letters);
  });
});
