import { describe, expect, it } from 'vitest';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { changeStatus } from '../../../../core/referrals/change-status.ts';
import type { ReferralEvent } from '../../../../schemas/canonical/referral.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';

const as = (organisationId: string): Principal => ({
  organisationId,
  roles: ['referrals'],
  credential: { kind: 'api-key', keyId: 'k' },
});

async function setup() {
  const referrals = new MemoryReferralStore();
  const queued: ReferralEvent[] = [];
  const referral = storedReferral();
  await referrals.create(referral);
  const deps = {
    referrals,
    queue: { enqueue: async (e: ReferralEvent) => void queued.push(e) },
    clock: { now: () => new Date('2026-12-01T11:00:00.000Z') },
  };
  return { deps, referral, queued, referrals };
}

const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return (error as RelaisError).reason;
  }
  return 'no error';
};

describe('changing a referral status', () => {
  it('queues the change for the other side, and records that it was queued', async () => {
    const { deps, referral, queued, referrals } = await setup();
    const changed = await changeStatus(deps, as('org_divas'), referral.id, {
      status: 'accepted',
      receiverCaseId: 'D-1',
    });
    expect(changed).toMatchObject({ status: 'accepted', version: 2, receiving: { caseId: 'D-1' } });
    expect(queued.map((e) => [e.version, e.recipientOrganisationId, e.type])).toEqual([
      [2, 'org_espoir', 'referral.status-changed'],
    ]);
    expect((await referrals.get(referral.id))?.delivery.map((f) => f.fact)).toEqual(['queued']);
  });

  it('answers a retry with the same Idempotency-Key with the change already made, and queues its event again', async () => {
    const { deps, referral, queued } = await setup();
    const first = await changeStatus(deps, as('org_divas'), referral.id, { status: 'accepted' }, 'key-1');
    const retry = await changeStatus(deps, as('org_divas'), referral.id, { status: 'accepted' }, 'key-1');
    expect(retry.version).toBe(first.version);
    expect(queued.map((e) => e.id)).toEqual([queued[0]!.id, queued[0]!.id]);
    // Without the key, the same change again is a repeated transition.
    expect(await reasonOf(changeStatus(deps, as('org_divas'), referral.id, { status: 'accepted' }))).toBe(
      'referral-transition-not-allowed',
    );
  });

  it('lets only the receiver give its case id, and hides the referral from a third organisation', async () => {
    const { deps, referral } = await setup();
    const cancel = { status: 'cancelled', reasonCode: 'referred-in-error', receiverCaseId: 'X' } as const;
    expect(await reasonOf(changeStatus(deps, as('org_espoir'), referral.id, cancel))).toBe('invalid-document');
    expect(await reasonOf(changeStatus(deps, as('org_gamma'), referral.id, { status: 'accepted' }))).toBe(
      'referral-not-found',
    );
  });

  it('refuses a change decided on a version the other side moved meanwhile (409)', async () => {
    const { deps, referral, referrals } = await setup();
    // The change is decided on version 1, but the referrer cancels before it is written.
    const readThenRace = async (id: string) => {
      const read = await referrals.get(id);
      await referrals.change(id, 1, {
        version: 2,
        status: 'cancelled',
        reasonCode: 'referred-in-error',
        at: '2026-12-01T10:59:00.000Z',
        byOrganisationId: 'org_espoir',
        side: 'referring',
      });
      return read;
    };
    const racing = { ...deps, referrals: Object.assign(Object.create(referrals), { get: readThenRace }) };
    expect(await reasonOf(changeStatus(racing, as('org_divas'), referral.id, { status: 'accepted' }))).toBe(
      'referral-version-conflict',
    );
    expect((await referrals.get(referral.id))?.status).toBe('cancelled');
  });

  it('queues the event before the write that makes the change: a change is never stored without it', async () => {
    const { deps, referral, referrals } = await setup();
    const down = { ...deps, queue: { enqueue: async () => Promise.reject(new Error('queue unavailable')) } };
    await expect(changeStatus(down, as('org_divas'), referral.id, { status: 'accepted' })).rejects.toThrow(
      'queue unavailable',
    );
    expect(await referrals.get(referral.id)).toMatchObject({ status: 'requested', version: 1, delivery: [] });
  });

  it('leaves only a message naming a version that never came to exist when the write fails after it', async () => {
    const { deps, referral, referrals, queued } = await setup();
    const failing = Object.assign(Object.create(referrals), {
      change: async () => Promise.reject(new Error('table unavailable')),
    });
    await expect(
      changeStatus({ ...deps, referrals: failing }, as('org_divas'), referral.id, { status: 'accepted' }),
    ).rejects.toThrow('table unavailable');
    // The delivery function drops it (deliver-event: change-not-stored); nothing was acknowledged.
    expect(queued.map((e) => e.version)).toEqual([2]);
    expect((await referrals.get(referral.id))?.version).toBe(1);
  });
});
