import type { ReferralStatus } from '../../schemas/canonical/referral.ts';
import type { FhirTaskStatus } from '../../schemas/fhir/sync.ts';

/**
 * What a Task status set by the recipient means for the referral (core/referrals/lifecycle.ts), following
 * the Gravity referral guide: `received` and `ready` are not used there, `draft` is no answer yet, and
 * `entered-in-error` takes nothing back (a referral's history is never rewritten); those give `undefined`.
 * Every other Task status is the referral status of the same name.
 */
const TO_REFERRAL: Readonly<Partial<Record<FhirTaskStatus, ReferralStatus>>> = {
  requested: 'requested',
  accepted: 'accepted',
  rejected: 'rejected',
  cancelled: 'cancelled',
  'in-progress': 'in-progress',
  'on-hold': 'on-hold',
  failed: 'failed',
  completed: 'completed',
};

export const taskStatusToReferral = (status: FhirTaskStatus): ReferralStatus | undefined => TO_REFERRAL[status];
