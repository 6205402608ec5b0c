import { readReferral } from '../../core/referrals/read.ts';
import { ReferralPath } from '../../schemas/api/referrals.ts';
import { json, parsePath } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getReferral', async ({ event, container, principal }) => {
  const { id } = parsePath(event, ReferralPath, 'referral-not-found');
  const { view, crossOrganisationRead } = await readReferral(
    container.referralDeps,
    principal!,
    id,
    container.clock.now(),
  );
  if (crossOrganisationRead) {
    // Every read of a child's data by another organisation is audited: ids only.
    container.logger.info('audit', {
      audit: 'readReferredChild',
      organisationId: principal!.organisationId,
      credential: principal!.credential,
      referralId: id,
      referringOrganisationId: view.referring.organisationId,
    });
  }
  return json(200, view);
});
