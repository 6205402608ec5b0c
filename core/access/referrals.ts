import type { Referral } from '../../schemas/canonical/referral.ts';
import { type Grant, type Scope, inForce } from './scope.ts';
import { canSee, hidden } from './visibility.ts';
import { isClosed } from '../referrals/lifecycle.ts';

/**
 * Referrals in the access policy. A referral has two parties: the referring organisation owns it, the
 * receiving one takes part in it. Both read its tracking (status, history, delivery); a third
 * organisation gets 404. The child's view is the referrer's, opened to the receiver by the referral's
 * grant while it is in force, and never to anyone else.
 */

export type ReferralParty = Pick<Referral, 'id' | 'referring' | 'receiving'>;

/** Which side of the referral the scope is on; any other organisation gets the referral's 404. */
export function requireReferralParty(scope: Scope, referral: ReferralParty | undefined): 'referring' | 'receiving' {
  if (referral === undefined) throw hidden('referral');
  if (canSee(scope, { kind: 'referral', ownerOrganisationId: referral.referring.organisationId }, 'manage')) {
    return 'referring';
  }
  if (canSee(scope, { kind: 'referral', ownerOrganisationId: referral.receiving.organisationId }, 'manage')) {
    return 'receiving';
  }
  throw hidden('referral');
}

/** Whether the scope is on either side of the referral: for filtering lists, where a refusal is no 404. */
export function isReferralParty(scope: Scope, referral: ReferralParty | undefined): boolean {
  if (referral === undefined) return false;
  return [referral.referring, referral.receiving].some(({ organisationId }) =>
    canSee(scope, { kind: 'referral', ownerOrganisationId: organisationId }, 'manage'),
  );
}

/**
 * The grant a referral makes to its receiver: from the request, until the consent's end, ended by the
 * first of a closing status (a rejection included) and a revocation.
 */
export function grantOf(
  referral: Pick<
    Referral,
    'id' | 'child' | 'receiving' | 'requestedAt' | 'consent' | 'consentRevokedAt' | 'status' | 'history'
  >,
): Grant {
  const closedAt = isClosed(referral.status) ? referral.history.at(-1)?.at : undefined;
  const ends = [closedAt, referral.consentRevokedAt].filter((t): t is string => t !== undefined).sort();
  return {
    kind: 'referral',
    referralId: referral.id,
    ...(referral.child.personId ? { personId: referral.child.personId } : {}),
    organisationId: referral.receiving.organisationId,
    view: 'referral-minimised',
    from: referral.requestedAt,
    ...(referral.consent.basis === 'consent' ? { until: referral.consent.validUntil } : {}),
    ...(ends.length > 0 ? { endedAt: ends[0] } : {}),
  };
}

/**
 * The child's view as this scope may read it at `at`: the referrer always (it is its own record, cut to
 * consent); the receiver while the grant is in force; undefined otherwise.
 */
export function visibleChildView(scope: Scope, referral: Referral, at: Date): Referral['child'] | undefined {
  const side = requireReferralParty(scope, referral);
  if (side === 'referring') return referral.child;
  const grant = grantOf(referral);
  const withGrant: Scope = { organisationId: scope.organisationId, grants: [...scope.grants, grant] };
  const open =
    inForce(grant, at) &&
    canSee(withGrant, {
      kind: 'referral-minimised',
      ownerOrganisationId: referral.referring.organisationId,
      personId: referral.child.personId,
      referralId: referral.id,
    });
  return open ? referral.child : undefined;
}
