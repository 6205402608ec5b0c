import type { Logger } from '@aws-lambda-powertools/logger';
import { exportReferral } from '../../core/fhir/export.ts';
import type { FhirBundleSource } from '../../core/fhir/push.ts';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { Clock } from '../../core/ports.ts';
import type { ReferralStore } from '../../core/referrals/ports.ts';
import { TransactionBundle } from '../../schemas/fhir/sync.ts';

/**
 * The Bundles the FHIR push consumer sends: a referral's ServiceRequest, Task, Consent and child, built by
 * the same read as GET /v1/referrals/{id} for the organisation whose server it is (core/fhir/export.ts),
 * so a push never shows more than the JSON API would. The receiver's copy of the child is a
 * cross-organisation read: recorded as a `read` fact and audited like the route's. A referral the
 * organisation may no longer see (gone, or not its own) pushes nothing.
 */
export function referralBundleSource(deps: {
  referrals: ReferralStore;
  clock: Clock;
  logger: Logger;
}): FhirBundleSource {
  return {
    async bundleFor(organisationId, subject) {
      const principal = {
        organisationId,
        roles: ['referrals'] as const,
        credential: { kind: 'fhir-endpoint' as const, organisationId },
      };
      try {
        const { bundle, crossOrganisationRead } = await exportReferral(
          deps,
          principal,
          subject.referralId,
          deps.clock.now(),
        );
        if (crossOrganisationRead) {
          deps.logger.info('audit', {
            audit: 'pushReferredChildToFhir',
            organisationId,
            credential: principal.credential,
            referralId: subject.referralId,
          });
        }
        return TransactionBundle.parse(bundle);
      } catch (error) {
        if (error instanceof RelaisError && error.kind === 'not-found') return undefined;
        throw error;
      }
    },
  };
}
