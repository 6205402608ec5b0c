import { refer } from '../../core/referrals/refer.ts';
import { viewOf } from '../../core/referrals/read.ts';
import { ReferralInput } from '../../schemas/canonical/referral.ts';
import { header, json, parseJsonBodyAs } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('createReferral', async ({ event, container, principal }) => {
  const input = parseJsonBodyAs(event, ReferralInput);
  const { referral, created } = await refer(
    container.referralDeps,
    principal!,
    input,
    header(event, 'idempotency-key'),
  );
  if (referral.consent.basis === 'override') {
    // An override is flagged for review: the audit line names it, without the justification's text.
    container.logger.warn('consent override', { referralId: referral.id, organisationId: principal!.organisationId });
  }
  // After the referral is stored, its row and its child's (a retried creation refreshes again, harmlessly).
  await container.statsQueue.refresh([
    { referralId: referral.id, ...(referral.child.personId ? { personId: referral.child.personId } : {}) },
  ]);
  return json(created ? 201 : 200, viewOf(principal!, referral, container.clock.now()), {
    location: `/v1/referrals/${referral.id}`,
  });
});
