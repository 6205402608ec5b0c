import { revokeConsentRecord } from '../../core/referrals/revoke-consent-record.ts';
import { ConsentPath, RevokeConsentRequest } from '../../schemas/api/referrals.ts';
import { json, parseJsonBodyAs, parsePath, rawBody } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('revokeConsentRecord', async ({ event, container, principal }) => {
  const { reference } = parsePath(event, ConsentPath, 'consent-record-not-found');
  // The body is optional, as for one referral's revocation.
  const { note } = rawBody(event) ? parseJsonBodyAs(event, RevokeConsentRequest) : { note: undefined };
  const revoked = await revokeConsentRecord(container.referralDeps, principal!, reference, note);
  // Each referral made under it may have been cancelled: their statistics rows follow (their children's
  // groups are found by the consumer).
  await container.statsQueue.refresh(revoked.referrals.map((r) => ({ referralId: r.id })));
  return json(200, revoked);
});
