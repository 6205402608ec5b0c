import * as z from 'zod';
import { Case } from './case.ts';
import { OrganisationId, SourceId } from './organisation.ts';
import { Person } from './person.ts';

export const SCHEMA_VERSION = '1' as const;

export const RecordId = z
  .string()
  .regex(/^rec_[a-z2-7]{26}$/)
  .meta({ id: 'RecordId', description: 'Derived from source id + source record id' });

/** Where a record came from and which mapping produced it: kept on every stored record. */
export const Provenance = z
  .strictObject({
    sourceId: SourceId,
    sourceRecordId: z.string().min(1).max(200),
    sourceUpdatedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: "The source tool's own modification time, when it sends one" }),
    mappingVersion: z.string().min(1).max(100),
    receivedAt: z.iso.datetime(),
    contentHash: z
      .string()
      .regex(/^[a-f0-9]{64}$/)
      .meta({ description: 'SHA-256 of the canonical content' }),
  })
  .meta({ id: 'Provenance' });

/** A code the mapping did not know and kept as `other`: the partner's raw code is not lost. */
export const UnmappedCode = z
  .strictObject({
    target: z
      .string()
      .max(200)
      .meta({ description: 'The canonical field set to other, e.g. /case/protectionConcerns' }),
    pointer: z.string().max(500).meta({ description: 'Where the code was in the source payload' }),
    raw: z.string().max(200).meta({ description: 'The code as the source sent it (a code-list value, not free text)' }),
  })
  .meta({ id: 'UnmappedCode' });

/** What a normaliser produces from one source payload, before Relais stamps provenance. */
export const NormalisedRecord = z.strictObject({
  sourceRecordId: z.string().trim().min(1).max(200),
  sourceUpdatedAt: z.iso.datetime({ offset: true }).optional(),
  person: Person,
  case: Case,
});

/** The canonical passthrough format: what a source sends when it already speaks Relais. */
export const CanonicalInput = NormalisedRecord.meta({ id: 'CanonicalInput' });

export const CanonicalRecord = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: RecordId,
    organisationId: OrganisationId,
    person: Person,
    case: Case,
    provenance: Provenance,
    unmappedCodes: z.array(UnmappedCode).max(50).optional(),
    storedAt: z.iso.datetime(),
  })
  .meta({ id: 'CanonicalRecord' });

export type NormalisedRecord = z.infer<typeof NormalisedRecord>;
export type CanonicalRecord = z.infer<typeof CanonicalRecord>;
export type Provenance = z.infer<typeof Provenance>;
export type UnmappedCode = z.infer<typeof UnmappedCode>;
