import { changeStatus } from '../../core/referrals/change-status.ts';
import { viewOf } from '../../core/referrals/read.ts';
import { ReferralPath } from '../../schemas/api/referrals.ts';
import { StatusChange } from '../../schemas/canonical/referral.ts';
import { header, json, parseJsonBodyAs, parsePath } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('changeReferralStatus', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReferralPath, 'referral-not-found');
  const change = parseJsonBodyAs(event, StatusChange);
  const referral = await changeStatus(container.referralDeps, principal!, id, change, header(event, 'idempotency-key'));
  await container.statsQueue.refresh([
    { referralId: referral.id, ...(referral.child.personId ? { personId: referral.child.personId } : {}) },
  ]);
  return json(200, viewOf(principal!, referral, container.clock.now()));
});
