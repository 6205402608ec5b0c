import * as z from 'zod';
import { CanonicalRecord, RecordId } from '../canonical/record.ts';
import { SourceId } from '../canonical/organisation.ts';
import { ReferralId } from '../canonical/referral.ts';

const SkippedPayload = z.strictObject({
  index: z.number().int().min(0).meta({ description: 'Position of the payload in the batch (0 for a single payload)' }),
  outcome: z.literal('skipped').meta({
    description: "The mapping's skip condition matched (e.g. a submission marked not approved): accepted, not stored",
  }),
});

/** The answer to a push into a source whose mapping makes records (the default). */
export const IngestedRecords = z
  .strictObject({
    records: z
      .array(
        z.union([
          z.strictObject({
            id: RecordId,
            sourceRecordId: z.string(),
            outcome: z
              .enum(['created', 'updated', 'unchanged'])
              .meta({ description: 'unchanged: the stored version is the same or newer' }),
          }),
          SkippedPayload,
        ]),
      )
      .meta({ description: 'One answer per payload, in the order sent' }),
  })
  .meta({ id: 'IngestedRecords' });

/** The answer to a push into a source whose live mapping targets referrals (`target: referral`). */
export const IngestedReferrals = z
  .strictObject({
    referrals: z
      .array(
        z.union([
          z.strictObject({
            id: ReferralId,
            sourceRecordId: z.string(),
            outcome: z.enum(['created', 'unchanged']).meta({
              description: 'unchanged: this submission was pushed before and is already that referral',
            }),
          }),
          SkippedPayload,
        ]),
      )
      .meta({ description: 'One answer per payload, in the order sent' }),
  })
  .meta({ id: 'IngestedReferrals' });

export const IngestResponse = z.union([IngestedRecords, IngestedReferrals]).meta({ id: 'IngestResponse' });

/** A record as its organisation reads it: the canonical record and, once matched, its registry person. */
export const RecordView = CanonicalRecord.extend({
  personId: z.string().optional().meta({
    description: 'The registry person (GET /v1/persons/{id}); absent until matching has run, usually within seconds',
  }),
}).meta({ id: 'RecordView' });

const MAX_LIST_LIMIT = 200;

export const ListRecordsQuery = z.strictObject({
  sourceId: SourceId.optional(),
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Only records stored after this instant' }),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
});

export const RecordList = z
  .strictObject({
    items: z.array(RecordView),
    nextCursor: z
      .string()
      .optional()
      .meta({ description: 'Pass as cursor to get the next page; absent on the last page' }),
  })
  .meta({ id: 'RecordList' });

export const RecordPath = z.strictObject({ id: RecordId });
/** The {sourceId} path parameter (not a mapping's SourcePath, a path into a payload). */
export const SourceIdPath = z.strictObject({ sourceId: SourceId });

export const Health = z.strictObject({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
