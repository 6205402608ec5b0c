import type { Principal } from '../access/principal.ts';
import { requireReferralParty } from '../access/referrals.ts';
import { ownScope } from '../access/scope.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Referral, StatusEntry } from '../../schemas/canonical/referral.ts';
import { isClosed } from './lifecycle.ts';
import type { ReferralDeps } from './refer.ts';
import { withChange } from './ports.ts';
import { queueChange } from './queue-event.ts';

/**
 * The child or caregiver withdrew consent: the referrer records it. An open referral is cancelled
 * (reason `consent-withdrawn`); a closed one keeps its status and gets the revocation in its history. Either
 * way the grant ends now and the receiver is sent a signed `consent.revoked` purge notice, which it
 * acknowledges once it has purged the child's data. Revoking twice changes nothing.
 */
export async function revokeConsent(
  deps: Pick<ReferralDeps, 'referrals' | 'queue' | 'clock'>,
  principal: Principal,
  referralId: string,
  note?: string,
): Promise<Referral> {
  const current = await deps.referrals.get(referralId);
  const side = requireReferralParty(ownScope(principal), current);
  if (side !== 'referring') throw new RelaisError('conflict', 'referral-transition-not-yours');
  if (current!.consentRevokedAt !== undefined) return current!;
  const at = deps.clock.now().toISOString();
  const entry: StatusEntry = {
    version: current!.version + 1,
    status: isClosed(current!.status) ? current!.status : 'cancelled',
    at,
    byOrganisationId: principal.organisationId,
    side,
    reasonCode: 'consent-withdrawn',
    ...(note ? { note } : {}),
  };
  const patch = { consentRevokedAt: at };
  const queued = await queueChange(deps, withChange(current!, entry, patch), entry.version);
  const purge = {
    fact: 'purge-requested' as const,
    at,
    toOrganisationId: current!.receiving.organisationId,
    version: entry.version,
  };
  const changed = await deps.referrals.change(referralId, current!.version, entry, patch, [purge, queued]);
  if (changed === 'conflict') throw new RelaisError('conflict', 'referral-version-conflict');
  return changed;
}

/** The receiver confirms it purged the child's data after a revocation: recorded for the referrer to see. */
export async function acknowledgePurge(
  deps: Pick<ReferralDeps, 'referrals' | 'clock'>,
  principal: Principal,
  referralId: string,
): Promise<Referral> {
  const current = await deps.referrals.get(referralId);
  const side = requireReferralParty(ownScope(principal), current);
  if (side !== 'receiving') throw new RelaisError('conflict', 'referral-transition-not-yours');
  if (current!.consentRevokedAt === undefined) throw new RelaisError('conflict', 'referral-transition-not-allowed');
  if (!current!.delivery.some((f) => f.fact === 'purge-acknowledged')) {
    await deps.referrals.addFact(referralId, {
      fact: 'purge-acknowledged',
      at: deps.clock.now().toISOString(),
      toOrganisationId: principal.organisationId,
      version: current!.version,
    });
  }
  return (await deps.referrals.get(referralId))!;
}
