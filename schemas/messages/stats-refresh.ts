import * as z from 'zod';
import { ReferralId } from '../canonical/referral.ts';

/**
 * Asks for a child's statistics row to be computed again from current state (core/stats/refresh.ts):
 * after a record was matched, persons merged or split, or a referral made or changed (then the referral's
 * row first). Ids only: no child data travels through the queue. Versioned, because queues outlive
 * deployments.
 */
export const StatsRefreshMessage = z
  .strictObject({
    type: z.literal('stats.refresh'),
    version: z.literal(1),
    personId: z.string().min(1).optional(),
    referralId: ReferralId.optional(),
  })
  .refine((m) => m.personId !== undefined || m.referralId !== undefined, { message: 'personId or referralId' })
  .meta({ id: 'StatsRefreshMessage' });

export type StatsRefreshMessage = z.infer<typeof StatsRefreshMessage>;
