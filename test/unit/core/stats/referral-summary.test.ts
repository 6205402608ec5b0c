import { describe, expect, it } from 'vitest';
import { summariseReferrals } from '../../../../core/stats/referral-summary.ts';
import type { StatusEntry } from '../../../../schemas/canonical/referral.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';

const requested: StatusEntry = {
  version: 1,
  status: 'requested',
  at: '2026-12-01T10:00:00.000Z',
  byOrganisationId: 'org_espoir',
  side: 'referring',
};
const step = (version: number, status: StatusEntry['status'], at: string): StatusEntry => ({
  version,
  status,
  at,
  byOrganisationId: 'org_divas',
  side: 'receiving',
});

/** Requested on 1 December at 10:00, due on the 4th. */
const made = (...later: StatusEntry[]) =>
  storedReferral({
    requestedAt: requested.at,
    history: [requested, ...later],
    status: later.at(-1)?.status ?? 'requested',
  });

describe('how referrals fared', () => {
  const referrals = [
    made(step(2, 'accepted', '2026-12-02T10:00:00.000Z'), step(3, 'completed', '2026-12-11T10:00:00.000Z')),
    made(step(2, 'accepted', '2026-12-05T10:00:00.000Z')), // answered a day late
    made(step(2, 'rejected', '2026-12-03T10:00:00.000Z')),
    made(), // never answered: overdue by the 31st
    {
      ...made(),
      delivery: [
        { fact: 'undeliverable' as const, at: '2026-12-04T00:00:00.000Z', toOrganisationId: 'org_divas', version: 1 },
      ],
    },
  ];

  it('counts statuses, acceptance and completion, lateness and undelivered referrals, with median days', () => {
    expect(summariseReferrals(referrals, '2026-12-31T23:59:59.999Z')).toEqual({
      referrals: 5,
      byStatus: {
        requested: 2,
        accepted: 1,
        rejected: 1,
        cancelled: 0,
        'in-progress': 0,
        'on-hold': 0,
        completed: 1,
        failed: 0,
      },
      accepted: 2,
      completed: 1,
      overdue: 3,
      undeliverable: 1,
      medianDaysToAcceptance: 2.5,
      medianDaysToCompletion: 10,
      acceptanceTimes: 2,
      completionTimes: 1,
    });
  });

  it('reads each referral as it stood at the given moment', () => {
    const early = summariseReferrals(referrals, '2026-12-02T12:00:00.000Z');
    expect(early).toMatchObject({ accepted: 1, completed: 0, overdue: 0, undeliverable: 0 });
    expect(early.byStatus).toMatchObject({ requested: 4, accepted: 1 });
  });
});
