import * as z from 'zod';
import { OrganisationId } from '../canonical/organisation.ts';
import { ReferralId } from '../canonical/referral.ts';

/**
 * Asks for one Bundle to be pushed to an organisation's FHIR server: ids only. The consumer builds the
 * Bundle when it pushes (through the access policy, as that organisation may see it), so the queue and its
 * DLQ never hold child data, and a message pushed late pushes the latest state.
 */
export const FhirPushMessage = z
  .strictObject({
    type: z.literal('fhir.push'),
    version: z.literal(1),
    /** Whose server: the Bundle is what this organisation may see. */
    organisationId: OrganisationId,
    subject: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('referral'), referralId: ReferralId, referralVersion: z.int().min(1) }),
    ]),
    /** 0 when first queued, one more at each redrive from the DLQ: a redriven push starts a new schedule. */
    series: z.int().min(0).optional(),
  })
  .meta({ id: 'FhirPushMessage' });
export type FhirPushMessage = z.infer<typeof FhirPushMessage>;
