import * as z from 'zod';
import { RecordId } from '../canonical/record.ts';

/**
 * Sent for every record ingestion stored or saw again: the registry matches it. Versioned, because
 * queues outlive deployments: a consumer must read what an older producer sent.
 */
export const RecordStoredMessage = z
  .strictObject({
    type: z.literal('record.stored'),
    version: z.literal(1),
    recordId: RecordId,
    contentHash: z.string().regex(/^[a-f0-9]{64}$/),
  })
  .meta({ id: 'RecordStoredMessage' });

export type RecordStoredMessage = z.infer<typeof RecordStoredMessage>;
