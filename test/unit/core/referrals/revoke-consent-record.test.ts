import { describe, expect, it } from 'vitest';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { revokeConsentRecord } from '../../../../core/referrals/revoke-consent-record.ts';
import type { Referral, ReferralEvent, StatusEntry } from '../../../../schemas/canonical/referral.ts';
import { consentFor, storedReferral } from '../../../fixtures/referrals/referrals.ts';

const as = (organisationId: string): Principal => ({
  organisationId,
  roles: ['referrals'],
  credential: { kind: 'api-key', keyId: 'k' },
});

const NOW = '2026-12-02T09:00:00.000Z';
const FORM = 'ESP-CF-2026-0117';

const by = (side: StatusEntry['side'], version: number, status: StatusEntry['status']): StatusEntry => ({
  version,
  status,
  at: '2026-12-01T12:00:00.000Z',
  byOrganisationId: side === 'referring' ? 'org_espoir' : 'org_divas',
  side,
});

/** Espoir's referrals: two open and one completed under one consent form, one under another form. */
async function setup() {
  const referrals = new MemoryReferralStore();
  const queued: ReferralEvent[] = [];
  const under = (reference: string, receiver: string, requestedAt: string) =>
    storedReferral({
      requestedAt,
      receiving: { organisationId: receiver, serviceId: 'svc_00000000000000a1' },
      consent: consentFor([receiver], { reference }) as Referral['consent'],
    });
  const requested = under(FORM, 'org_divas', '2026-12-01T10:00:01.000Z');
  const accepted = under(FORM, 'org_hopital', '2026-12-01T10:00:02.000Z');
  const completed = under(FORM, 'org_ecole', '2026-12-01T10:00:03.000Z');
  const otherForm = under('ESP-CF-2026-0118', 'org_divas', '2026-12-01T10:00:04.000Z');
  for (const r of [requested, accepted, completed, otherForm]) await referrals.create(r);
  await referrals.change(accepted.id, 1, { ...by('receiving', 2, 'accepted'), byOrganisationId: 'org_hopital' });
  await referrals.change(completed.id, 1, { ...by('receiving', 2, 'accepted'), byOrganisationId: 'org_ecole' });
  await referrals.change(completed.id, 2, {
    ...by('receiving', 3, 'completed'),
    byOrganisationId: 'org_ecole',
    feedback: { serviceProvided: 'Inscription scolaire', outcome: 'needs-met', date: '2026-12-01' },
  });
  const deps = {
    referrals,
    queue: { enqueue: async (e: ReferralEvent) => void queued.push(e) },
    clock: { now: () => new Date(NOW) },
  };
  return { deps, referrals, queued, requested, accepted, completed, otherForm };
}

const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return [(error as RelaisError).kind, (error as RelaisError).reason];
  }
  return 'no error';
};

describe('revoking consent on the child’s consent record', () => {
  it('revokes every referral made under it: the open ones cancelled, the closed one keeping its status', async () => {
    const { deps, referrals, requested, accepted, completed, otherForm } = await setup();
    const answer = await revokeConsentRecord(deps, as('org_espoir'), FORM, 'Retrait par la tutrice');
    expect(answer).toEqual({
      reference: FORM,
      referrals: [
        { id: requested.id, status: 'cancelled', revokedAt: NOW },
        { id: accepted.id, status: 'cancelled', revokedAt: NOW },
        { id: completed.id, status: 'completed', revokedAt: NOW },
      ],
    });
    for (const r of [requested, accepted, completed]) {
      const read = (await referrals.get(r.id))!;
      expect(read.consentRevokedAt).toBe(NOW);
      expect(read.history.at(-1)).toMatchObject({ reasonCode: 'consent-withdrawn', note: 'Retrait par la tutrice' });
      expect(read.delivery.map((f) => f.fact)).toEqual(['purge-requested', 'queued']);
    }
    const untouched = (await referrals.get(otherForm.id))!;
    expect(untouched).toMatchObject({ status: 'requested', version: 1, delivery: [] });
    expect(untouched.consentRevokedAt).toBeUndefined();
  });

  it('queues a signed consent.revoked purge notice for each receiver, and none for the other form', async () => {
    const { deps, queued } = await setup();
    await revokeConsentRecord(deps, as('org_espoir'), FORM);
    expect(queued.map((e) => [e.type, e.recipientOrganisationId, e.status])).toEqual([
      ['consent.revoked', 'org_divas', 'cancelled'],
      ['consent.revoked', 'org_hopital', 'cancelled'],
      ['consent.revoked', 'org_ecole', 'completed'],
    ]);
  });

  it('changes nothing when repeated, and answers the same list', async () => {
    const { deps, referrals, queued, requested, accepted, completed } = await setup();
    const first = await revokeConsentRecord(deps, as('org_espoir'), FORM);
    const before = await Promise.all([requested, accepted, completed].map((r) => referrals.get(r.id)));
    const later = { ...deps, clock: { now: () => new Date('2026-12-03T09:00:00.000Z') } };
    expect(await revokeConsentRecord(later, as('org_espoir'), FORM)).toEqual(first);
    expect(await Promise.all([requested, accepted, completed].map((r) => referrals.get(r.id)))).toEqual(before);
    expect(queued).toHaveLength(3);
  });

  it('is 404 to another organisation naming the same form, and for a form no referral was made under', async () => {
    const { deps, referrals, queued, requested } = await setup();
    expect(await reasonOf(revokeConsentRecord(deps, as('org_divas'), FORM))).toEqual([
      'not-found',
      'consent-record-not-found',
    ]);
    expect(await reasonOf(revokeConsentRecord(deps, as('org_espoir'), 'ESP-CF-2026-9999'))).toEqual([
      'not-found',
      'consent-record-not-found',
    ]);
    expect((await referrals.get(requested.id))?.consentRevokedAt).toBeUndefined();
    expect(queued).toEqual([]);
  });
});
