import { viewOf } from '../../core/referrals/read.ts';
import { acknowledgePurge } from '../../core/referrals/revoke-consent.ts';
import { ReferralPath } from '../../schemas/api/referrals.ts';
import { json, parsePath } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('acknowledgeReferralPurge', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReferralPath, 'referral-not-found');
  const referral = await acknowledgePurge(container.referralDeps, principal!, id);
  return json(200, viewOf(principal!, referral, container.clock.now()));
});
