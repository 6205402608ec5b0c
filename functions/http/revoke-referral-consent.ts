import { viewOf } from '../../core/referrals/read.ts';
import { revokeConsent } from '../../core/referrals/revoke-consent.ts';
import { ReferralPath, RevokeConsentRequest } from '../../schemas/api/referrals.ts';
import { json, parseJsonBodyAs, parsePath, rawBody } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('revokeReferralConsent', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReferralPath, 'referral-not-found');
  // The body is optional: a revocation needs no more than the referral.
  const { note } = rawBody(event) ? parseJsonBodyAs(event, RevokeConsentRequest) : { note: undefined };
  const referral = await revokeConsent(container.referralDeps, principal!, id, note);
  // A revocation cancels an open referral: its statistics row follows.
  await container.statsQueue.refresh([
    { referralId: referral.id, ...(referral.child.personId ? { personId: referral.child.personId } : {}) },
  ]);
  return json(200, viewOf(principal!, referral, container.clock.now()));
});
