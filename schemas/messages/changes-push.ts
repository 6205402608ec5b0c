import * as z from 'zod';
import { OrganisationId } from '../canonical/organisation.ts';

/**
 * "This organisation's change feed has something its webhook subscribed to": sent on the delivery queue
 * (one message group per organisation, so one push runs at a time for it), ids only. The delivery
 * function pushes whatever the feed holds after the position it last pushed (core/delivery/push-changes.ts).
 */
export const ChangesPushMessage = z
  .strictObject({
    type: z.literal('changes.push'),
    version: z.literal(1),
    organisationId: OrganisationId,
    /** The sequence whose append sent it: distinct messages for distinct changes, one for a retried append. */
    sequence: z.number().int().min(0),
  })
  .meta({ id: 'ChangesPushMessage' });

export type ChangesPushMessage = z.infer<typeof ChangesPushMessage>;
