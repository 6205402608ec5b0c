import * as z from 'zod';
import { OrganisationId } from '../canonical/organisation.ts';
import { ReferralId } from '../canonical/referral.ts';

/**
 * Sent for every referral event to deliver: ids only. The delivery function reads the referral when it
 * delivers, so the queue (and its DLQ, which operators inspect) never holds child data.
 */
export const ReferralEventMessage = z
  .strictObject({
    type: z.literal('referral.event'),
    version: z.literal(1),
    eventId: z.string().regex(/^evt_[a-z2-7]{26}$/),
    referralId: ReferralId,
    referralVersion: z.number().int().min(1),
    recipientOrganisationId: OrganisationId,
    /** 0 when first queued, one more at each redrive from the DLQ: a redriven event starts a new schedule. */
    series: z.number().int().min(0).optional(),
  })
  .meta({ id: 'ReferralEventMessage' });

export type ReferralEventMessage = z.infer<typeof ReferralEventMessage>;
