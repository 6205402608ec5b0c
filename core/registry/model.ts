import * as z from 'zod';
import { FieldExplanation, PersonStatus, ReviewStatus } from '../../schemas/api/persons.ts';
import { MatchSubject } from '../matching/subject.ts';

/** Who decided: `matcher` for automatic decisions, else the admin's identity as the API authenticated it. */
export const Actor = z.string().min(1).max(200);

/** One source record inside a person, with what the matcher saw of it when it was linked. */
export const RegistryMember = z.strictObject({
  recordId: z.string(),
  organisationId: z.string(),
  subject: MatchSubject,
  subjectHash: z.string(),
  linkedAt: z.iso.datetime(),
  linkedBy: Actor,
  /** Records a person said are someone else: automatic matching never puts them together again. */
  distinctFrom: z.array(z.string()),
});

export const RegistryPerson = z.strictObject({
  id: z.string().regex(/^per_[a-z2-7]{26}$/),
  /** Increases on every write: the condition of the next write (optimistic concurrency). */
  version: z.number().int().min(1),
  status: PersonStatus,
  /** Set once merged: readers follow it to the surviving person. */
  mergedInto: z.string().optional(),
  members: z.array(RegistryMember),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const RecordLink = z.strictObject({
  recordId: z.string(),
  personId: z.string(),
  subjectHash: z.string(),
  version: z.number().int().min(1),
  updatedAt: z.iso.datetime(),
});

export const ReviewItem = z.strictObject({
  id: z.string(),
  status: ReviewStatus,
  /** The record whose matching raised the question, and the person it was put in. */
  recordId: z.string(),
  personId: z.string(),
  /** The existing person it may be the same child as, and that person's closest record. */
  candidatePersonId: z.string(),
  candidateRecordId: z.string(),
  score: z.number(),
  fields: z.array(FieldExplanation),
  guard: z.string().optional(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().optional(),
  decidedBy: Actor.optional(),
  /** The organisation whose administrator decided; items decided before it was kept have none ("not yours"). */
  decidedByOrganisationId: z.string().optional(),
  reason: z.string().max(1000).optional(),
  version: z.number().int().min(1),
});

export const AuditAction = z.enum([
  'create',
  'link',
  'update',
  'merge',
  'split',
  'review-opened',
  'review-same',
  'review-different',
]);

/** One link or unlink decision: who, why, and the per-field explanation when the matcher decided. */
export const AuditEvent = z.strictObject({
  id: z.string(),
  personId: z.string(),
  at: z.iso.datetime(),
  action: AuditAction,
  by: Actor,
  /** The organisation that acted; absent for the matcher and for events written before it was kept. */
  byOrganisationId: z.string().optional(),
  reason: z.string().max(1000),
  recordIds: z.array(z.string()),
  /**
   * The organisation holding each record, kept because records move between persons: an organisation's
   * history shows the events about its records even after they left. Absent on older events.
   */
  recordOrganisations: z.record(z.string(), z.string()).optional(),
  relatedPersonId: z.string().optional(),
  score: z.number().optional(),
  fields: z.array(FieldExplanation).optional(),
});

export type RegistryMember = z.infer<typeof RegistryMember>;
export type RegistryPerson = z.infer<typeof RegistryPerson>;
export type RecordLink = z.infer<typeof RecordLink>;
export type ReviewItem = z.infer<typeof ReviewItem>;
export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditAction = z.infer<typeof AuditAction>;
