import { describe, expect, it } from 'vitest';
import { isReferralParty } from '../../../../core/access/referrals.ts';
import { Grant, type Scope, ownScope } from '../../../../core/access/scope.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';

const referral = storedReferral();

describe('isReferralParty', () => {
  it('is true for the referring and for the receiving organisation', () => {
    expect(isReferralParty(ownScope({ organisationId: 'org_espoir' }), referral)).toBe(true);
    expect(isReferralParty(ownScope({ organisationId: 'org_divas' }), referral)).toBe(true);
  });

  it('is false for a third organisation, even one holding a grant on the same referral, and for no referral', () => {
    const grant = Grant.parse({
      kind: 'referral',
      referralId: referral.id,
      organisationId: 'org_gamma',
      view: 'referral-minimised',
      from: '2026-12-01T10:00:00.000Z',
    });
    const gamma: Scope = { organisationId: 'org_gamma', grants: [grant] };
    expect(isReferralParty(gamma, referral)).toBe(false);
    expect(isReferralParty(ownScope({ organisationId: 'org_espoir' }), undefined)).toBe(false);
  });
});
