import * as z from 'zod';
import { Person } from '../canonical/person.ts';
import { RecordId } from '../canonical/record.ts';

export const PersonId = z.string().regex(/^per_[a-z2-7]{26}$/);
export const ReviewId = z.string().regex(/^rev_[a-z2-7]{26}$/);

/** The registry's vocabulary, once: the stored model (core/registry/model.ts) and the API share it. */
export const PersonStatus = z.enum(['active', 'merged']);
export const ReviewStatus = z.enum(['open', 'same', 'different']);

/** One field's part in a match decision, kept so that every link, review or refusal can be explained. */
export const FieldExplanation = z
  .strictObject({
    field: z.string(),
    level: z.string().meta({ description: 'How the field compared, e.g. exact, close, different, missing' }),
    weight: z.number().meta({ description: 'Fellegi-Sunter log2 weight this field contributed' }),
    similarity: z.number().min(0).max(1),
  })
  .meta({ id: 'FieldExplanation' });

/** The actor shown for a decision taken by another organisation: which one, and why, stay with it. */
export const ANOTHER_ORGANISATION = 'another-organisation';

export const HistoryEntry = z
  .strictObject({
    at: z.iso.datetime(),
    action: z.string(),
    by: z.string().meta({
      description: `Your organisation's actor (e.g. key:…), \`matcher\`, or \`${ANOTHER_ORGANISATION}\``,
    }),
    reason: z.string().optional().meta({ description: 'Absent when another organisation decided' }),
    recordIds: z.array(RecordId).meta({ description: "Your organisation's records concerned" }),
    score: z.number().optional(),
  })
  .meta({ id: 'HistoryEntry' });

/** A person as one organisation may see it: only its own records, and a count of the others. */
export const PersonView = z
  .strictObject({
    id: PersonId,
    status: PersonStatus,
    records: z.array(z.strictObject({ recordId: RecordId, linkedAt: z.iso.datetime(), linkedBy: z.string() })),
    otherRecords: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Records of this child held by other organisations (not shown)' }),
    history: z.array(HistoryEntry).meta({
      description:
        'Decisions that concern your records, oldest first, one page; a page may hold fewer than historyLimit entries',
    }),
    historyNextCursor: z
      .string()
      .optional()
      .meta({ description: 'Pass as historyCursor for the next page of history; absent on the last page' }),
  })
  .meta({ id: 'PersonView' });

export const MAX_HISTORY_PAGE = 200;

export const PersonQuery = z.strictObject({
  historyLimit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(50),
  historyCursor: z.string().max(500).optional(),
});

export const MatchRequest = z
  .strictObject({
    person: Person,
    limit: z.number().int().min(1).max(20).default(5),
  })
  .meta({ id: 'MatchRequest' });

export const MatchCandidate = z
  .strictObject({
    personId: PersonId,
    outcome: z
      .enum(['link', 'review', 'new'])
      .meta({ description: 'What ingesting this profile would do with this person' }),
    guard: z
      .string()
      .optional()
      .meta({ description: 'Why a link was held back (e.g. different-names: possible siblings or twins)' }),
    score: z.number(),
    fields: z.array(FieldExplanation),
    closestRecordId: RecordId.optional().meta({ description: 'Present only when your organisation holds that record' }),
  })
  .meta({ id: 'MatchCandidate' });

export const MatchResponse = z
  .strictObject({
    candidates: z
      .array(MatchCandidate)
      .meta({ description: 'Persons your organisation holds a record of, best first' }),
    knownElsewhere: z
      .strictObject({
        organisations: z.number().int().min(0),
      })
      .meta({
        description:
          'How many other organisations hold a possible match (link or review) of which you hold no record. Nothing else about them is disclosed: ask for a referral or contact',
      }),
  })
  .meta({ id: 'MatchResponse' });

export const ReviewView = z
  .strictObject({
    id: ReviewId,
    status: ReviewStatus,
    personId: PersonId,
    candidatePersonId: PersonId,
    recordId: RecordId.optional().meta({ description: 'Present when your organisation holds it' }),
    candidateRecordId: RecordId.optional().meta({ description: 'Present when your organisation holds it' }),
    score: z.number(),
    guard: z.string().optional(),
    fields: z.array(FieldExplanation),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().optional(),
    decidedBy: z
      .string()
      .optional()
      .meta({
        description: `Your organisation's actor, or \`${ANOTHER_ORGANISATION}\``,
      }),
    reason: z.string().optional().meta({ description: 'Present only when your organisation decided' }),
  })
  .meta({ id: 'Review' });

export const ReviewList = z
  .strictObject({ items: z.array(ReviewView), nextCursor: z.string().optional() })
  .meta({ id: 'ReviewList' });

export const ListReviewsQuery = z.strictObject({
  status: ReviewStatus.default('open'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ReviewDecisionRequest = z
  .strictObject({
    decision: ReviewStatus.exclude(['open']).meta({
      description: '"different" is remembered: automatic matching never joins them again',
    }),
    reason: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'ReviewDecision' });

export const MergeRequest = z
  .strictObject({
    personId: PersonId.meta({ description: 'The person that joins the one in the path' }),
    reason: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'MergeRequest' });

export const SplitRequest = z
  .strictObject({
    recordIds: z.array(RecordId).min(1).max(100).meta({ description: 'Your records that are another child' }),
    reason: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'SplitRequest' });

export const PersonPath = z.strictObject({ id: PersonId });
export const ReviewPath = z.strictObject({ id: ReviewId });

export type FieldExplanation = z.infer<typeof FieldExplanation>;
export type PersonStatus = z.infer<typeof PersonStatus>;
export type ReviewStatus = z.infer<typeof ReviewStatus>;
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>;
