import * as z from 'zod';
import { OrganisationId } from '../canonical/organisation.ts';
import { ReferralId } from '../canonical/referral.ts';
import { ReferralEventMessage } from '../messages/referral-event.ts';

/**
 * A referral event in the delivery queue's DLQ, as operators and organisation admins see it: ids and
 * counts only. The message itself holds ids only, and this never carries a body beyond them.
 */
export const DeadLetter = z
  .strictObject({
    messageId: z.string().meta({ description: "The DLQ message's id" }),
    referralId: ReferralId,
    eventId: ReferralEventMessage.shape.eventId,
    referralVersion: ReferralEventMessage.shape.referralVersion,
    recipientOrganisationId: OrganisationId,
    series: z.int().min(0).meta({ description: '0 when first queued, one more at each redrive' }),
    sentAt: z.iso.datetime().meta({ description: 'When the message was sent to the queue it died in' }),
    receives: z.int().min(0).meta({ description: 'How many times the DLQ has handed it out (approximate)' }),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterList = z.strictObject({ items: z.array(DeadLetter) }).meta({ id: 'DeadLetterList' });

/** At most this many referrals a redrive request names. */
export const MAX_REDRIVE_REFERRALS = 100;

export const RedriveRequest = z
  .strictObject({
    referralIds: z
      .array(ReferralId)
      .min(1)
      .max(MAX_REDRIVE_REFERRALS)
      .optional()
      .meta({ description: 'Only the dead letters of these referrals; all those you may see when absent' }),
  })
  .meta({ id: 'RedriveRequest' });
export type RedriveRequest = z.infer<typeof RedriveRequest>;

export const RedriveResult = z
  .strictObject({
    redriven: z.array(DeadLetter).meta({ description: 'Sent back for delivery, in order per referral' }),
  })
  .meta({ id: 'RedriveResult' });
