import type { Principal } from '../access/principal.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { ConsentRecordRevoked } from '../../schemas/api/referrals.ts';
import type { ReferralDeps } from './refer.ts';
import { revokeConsent } from './revoke-consent.ts';

/**
 * Consent withdrawn on the child's consent record: every referral the caller's organisation made under that
 * signed form is revoked, one by one, as `revokeConsent` revokes one (open ones cancelled, the grant ended,
 * a purge notice queued for each receiver). The store finds them by the caller's own organisation, so
 * another organisation's form of the same id is as good as missing. Repeating it changes nothing and
 * answers the same list.
 */
export async function revokeConsentRecord(
  deps: Pick<ReferralDeps, 'referrals' | 'queue' | 'clock'>,
  principal: Principal,
  reference: string,
  note?: string,
): Promise<ConsentRecordRevoked> {
  const ids = await deps.referrals.listByConsent(principal.organisationId, reference);
  if (ids.length === 0) throw new RelaisError('not-found', 'consent-record-not-found');
  const referrals: ConsentRecordRevoked['referrals'] = [];
  // One at a time: a consent record covers a handful of referrals, and one that fails part-way is finished
  // by a retry, each revocation being idempotent.
  for (const id of ids) {
    const revoked = await revokeConsent(deps, principal, id, note);
    referrals.push({ id: revoked.id, status: revoked.status, revokedAt: revoked.consentRevokedAt! });
  }
  return { reference, referrals };
}
