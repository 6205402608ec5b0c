import type { Principal } from '../access/principal.ts';
import { requireReferralParty, visibleChildView } from '../access/referrals.ts';
import { ownScope } from '../access/scope.ts';
import type { Referral } from '../../schemas/canonical/referral.ts';
import type { ReferralView } from '../../schemas/api/referrals.ts';
import { nextStatuses } from './lifecycle.ts';
import type { ReferralStore } from './ports.ts';
import { isOverdue } from './priority.ts';

/**
 * A referral as the caller's side sees it: the tracking for both, the child's view for the referrer and,
 * while the grant is in force, for the receiver. A third organisation gets 404.
 */
export function viewOf(principal: Pick<Principal, 'organisationId'>, referral: Referral, at: Date): ReferralView {
  const scope = ownScope(principal);
  const yourSide = requireReferralParty(scope, referral);
  const child = visibleChildView(scope, referral, at);
  const { requestHash: _hash, child: _child, ...tracking } = referral;
  return {
    ...tracking,
    yourSide,
    ...(child ? { child } : {}),
    history: referral.history.map(({ requestKey: _key, ...entry }) => entry),
    nextStatuses: nextStatuses(referral.status, yourSide),
    overdue: isOverdue(referral, at),
    undeliverable: referral.delivery.some((f) => f.fact === 'undeliverable' && f.version === referral.version),
  };
}

/**
 * Reads one referral. A receiver's read of the child's view is a cross-organisation read: it is recorded
 * as a `read` fact (the referrer sees when its referral was opened) and the caller logs an audit line.
 */
export async function readReferral(
  deps: { referrals: ReferralStore },
  principal: Principal,
  id: string,
  at: Date,
): Promise<{ view: ReferralView; crossOrganisationRead: boolean }> {
  const referral = await deps.referrals.get(id);
  const view = viewOf(principal, requireParty(principal, referral), at);
  const crossOrganisationRead = view.yourSide === 'receiving' && view.child !== undefined;
  if (crossOrganisationRead) {
    await deps.referrals.addFact(id, {
      fact: 'read',
      at: at.toISOString(),
      toOrganisationId: principal.organisationId,
      version: referral!.version,
    });
  }
  return { view, crossOrganisationRead };
}

const requireParty = (principal: Pick<Principal, 'organisationId'>, referral: Referral | undefined): Referral => {
  requireReferralParty(ownScope(principal), referral);
  return referral!;
};
