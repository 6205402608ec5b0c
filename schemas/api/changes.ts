import * as z from 'zod';
import { RecordId } from '../canonical/record.ts';
import { ReferralId, ReferralStatus } from '../canonical/referral.ts';
import { PersonId } from './persons.ts';

/**
 * The change feed (GET /v1/changes): what changed, never the data itself. An item carries ids, types,
 * versions and times only; the consumer reads the record, person or referral through the API, where the
 * access policy decides what it sees.
 */
export const ChangeType = z
  .enum([
    'record.created',
    'record.updated',
    'person.linked',
    'person.merged',
    'person.split',
    'referral.status-changed',
    'referral.delivered',
    'referral.undeliverable',
  ])
  .meta({ id: 'ChangeType' });
export type ChangeType = z.infer<typeof ChangeType>;

const at = z.iso.datetime().meta({ description: 'When the change was made' });

const RecordChange = z.strictObject({
  type: z.enum(['record.created', 'record.updated']),
  at,
  recordId: RecordId,
  contentHash: z.string().meta({ description: 'The version of the record this change stored' }),
});

const PersonChange = z.strictObject({
  type: z.enum(['person.linked', 'person.merged', 'person.split']),
  at,
  personId: PersonId.meta({
    description:
      'linked, merged: the person your records now belong to; split: one of the two persons (a split is told from each)',
  }),
  relatedPersonId: PersonId.optional().meta({
    description: 'merged: the person merged away; split: the person the records were split from or into',
  }),
  recordIds: z.array(RecordId).min(1).meta({ description: 'Your records the change concerns' }),
});

const ReferralChange = z.strictObject({
  type: z.enum(['referral.status-changed', 'referral.delivered', 'referral.undeliverable']),
  at,
  referralId: ReferralId,
  referralVersion: z.number().int().min(1),
  status: ReferralStatus.meta({ description: 'The status that version set' }),
});

/** What a writer appends: one change, for one organisation's feed. */
export const Change = z.discriminatedUnion('type', [RecordChange, PersonChange, ReferralChange]);
export type Change = z.infer<typeof Change>;

const itemFields = {
  id: z
    .string()
    .regex(/^chg_[a-f0-9]{32}$/)
    .meta({ description: 'The same for every copy of one change (at least once: deduplicate on it)' }),
  sequence: z.number().int().min(1).meta({ description: 'Position in your feed; increases along the feed' }),
};

export const ChangeItem = z
  .discriminatedUnion('type', [
    RecordChange.extend(itemFields),
    PersonChange.extend(itemFields),
    ReferralChange.extend(itemFields),
  ])
  .meta({ id: 'ChangeItem' });
export type ChangeItem = z.infer<typeof ChangeItem>;

const MAX_LIMIT = 200;
const typeNames = ChangeType.options.map((t) => t.replace('.', '\\.')).join('|');

/** The types a `types` parameter names, in a canonical order (so that a cursor's scope does not depend on it). */
export const typesOf = (types: string | undefined): ChangeType[] | undefined =>
  types === undefined ? undefined : ([...new Set(types.split(','))].sort() as ChangeType[]);

export const ChangesQuery = z.strictObject({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
  types: z
    .string()
    .regex(new RegExp(`^(${typeNames})(,(${typeNames}))*$`))
    .optional()
    .meta({ description: `Comma-separated change types (${ChangeType.options.join(', ')}); all when absent` }),
});

export const ChangePage = z
  .strictObject({
    items: z.array(ChangeItem),
    nextCursor: z
      .string()
      .meta({ description: 'Always present: pass it back, with the same types, to resume after the last item read' }),
  })
  .meta({ id: 'ChangePage' });
export type ChangePage = z.infer<typeof ChangePage>;
