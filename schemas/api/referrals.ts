import * as z from 'zod';
import {
  ConsentReference,
  DeliveryFact,
  Referral,
  ReferralChildView,
  ReferralEvent,
  ReferralId,
  ReferralStatus,
  StatusEntry,
} from '../canonical/referral.ts';

export const ReferralPath = z.strictObject({ id: ReferralId });

/** A referral as one of its two organisations sees it. */
export const ReferralView = Referral.omit({ child: true, requestHash: true, history: true, delivery: true })
  .extend({
    yourSide: z.enum(['referring', 'receiving']),
    child: z
      .strictObject({
        personId: z.string().optional(),
        recordId: z.string().optional(),
        view: ReferralChildView,
        categories: z.array(z.string()),
      })
      .optional()
      .meta({ description: "Absent for the receiver once the referral's grant has ended (closed, revoked, expired)" }),
    history: z.array(StatusEntry.omit({ requestKey: true })),
    delivery: z.array(DeliveryFact),
    nextStatuses: z.array(ReferralStatus).meta({ description: 'What your side may set next' }),
    overdue: z.boolean(),
    undeliverable: z.boolean(),
  })
  .meta({ id: 'ReferralView' });
export type ReferralView = z.infer<typeof ReferralView>;

export const ReferralCreated = ReferralView;

export const ListReferralsQuery = z.strictObject({
  role: z.enum(['sent', 'received']),
  status: ReferralStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ReferralList = z.strictObject({ items: z.array(ReferralView), nextCursor: z.string().optional() });

export const InboxQuery = z.strictObject({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const InboxPage = z.strictObject({
  items: z.array(ReferralEvent),
  nextCursor: z.string().optional().meta({ description: 'Pass it back to resume; kept even on the last page' }),
});

export const RevokeConsentRequest = z.strictObject({
  note: z.string().trim().min(1).max(2000).optional().meta({ description: 'For the record; no names' }),
});

export const ConsentPath = z.strictObject({ reference: ConsentReference });

/** What revoking a consent record did: every referral your organisation sent under it, each now revoked. */
export const ConsentRecordRevoked = z
  .strictObject({
    reference: ConsentReference,
    referrals: z.array(
      z.strictObject({
        id: ReferralId,
        status: ReferralStatus.meta({ description: 'Cancelled if it was open; a closed one keeps its status' }),
        revokedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ConsentRecordRevoked' });
export type ConsentRecordRevoked = z.infer<typeof ConsentRecordRevoked>;
