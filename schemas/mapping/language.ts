import * as z from 'zod';
import { SourceTool } from '../canonical/codes.ts';

/**
 * The mapping language: how an administrator says where each canonical field comes from in a partner's
 * payload. A mapping is data (YAML or JSON), checked against the JSON Schema generated from these zod
 * schemas, then compiled into closures by core/mapping. Nothing in it is ever evaluated as code.
 */

/**
 * A place in the source payload: dotted keys, `[n]` array indexes and `[*]` wildcards, e.g.
 * `properties.case_name`, `data.caregivers[0].name`, `enfants[*].nom`. A key may contain slashes:
 * KoboToolbox group paths such as `enfant/nom` are one key. The grammar is checked by core/mapping.
 */
export const SourcePath = z.string().min(1).max(300).meta({
  id: 'SourcePath',
  description: 'Dotted path with [n] indexes and [*] wildcards; Kobo group paths (grp/question) are single keys',
});

/** A canonical field as an RFC 6901 pointer into NormalisedRecord, e.g. /person/name/given. */
export const TargetPointer = z
  .string()
  .regex(/^(\/[A-Za-z0-9_-]+)+$/)
  .max(200)
  .meta({ id: 'TargetPointer' });

export const Scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const DateFormat = z
  .enum(['dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd', 'yyyymmdd', 'mm/yyyy', 'yyyy-mm', 'yyyy', 'datetime', 'excel'])
  .meta({
    id: 'DateFormat',
    description: 'datetime: an ISO date-time whose date part is kept; excel: a spreadsheet serial day number',
  });

export const NamePart = z.enum(['family', 'middle', 'given']);

/** The order a full name is written in; `auto` reads it from which words are in capitals. */
// No id: inlined, so that a wrong order is reported at `order`, not as "none of the allowed forms" (core/mapping/load.ts).
export const NameOrder = z.enum(['family-first', 'given-first', 'auto']).meta({
  description:
    'family-first: FAMILY [POST-NOM] Given; given-first: Given Family; auto (default): the words in capitals are the family name and post-nom, wherever they stand',
});

/** The date an age was stated at: a source field, a fixed date, or the day Relais received the record. */
export const AgeReference = z
  .union([
    z.literal('received').meta({ description: 'The day Relais received the record (UTC)' }),
    // SourcePath's own rules, inlined for the same reason as NameOrder's.
    z.string().min(1).max(300).meta({ description: 'A source path' }),
    z
      .strictObject({ from: z.string().min(1).max(300) })
      .meta({ description: 'A source path (for a field named `received`)' }),
    z
      .strictObject({ constant: z.string().max(30).meta({ description: 'A date, YYYY-MM-DD' }) })
      .meta({ description: 'The same date for every record, e.g. the day of a registration campaign' }),
  ])
  .meta({
    id: 'AgeReference',
    description: 'received, a source path, { from: path } or { constant: YYYY-MM-DD }',
  });

/** What to do with a value a value map does not list. */
export const UnmappedRule = z.enum(['reject', 'other', 'warn']).meta({
  description:
    'reject: the record is refused; other: the code `other` is used and the raw value kept beside the record; warn: the default is used and a warning given',
});

export const ValueMap = z
  .strictObject({
    values: z.record(z.string().min(1).max(200), Scalar),
    default: Scalar.nullable().meta({ description: 'Used when the source is empty; null leaves the field empty' }),
    unmapped: UnmappedRule,
    caseSensitive: z.boolean().optional(),
  })
  .meta({ id: 'ValueMap' });

/** Countries whose calling codes the phone transform knows (the region Relais serves). */
export const PhoneCountry = z.enum([
  'CD',
  'BI',
  'RW',
  'UG',
  'TZ',
  'KE',
  'CF',
  'CG',
  'SS',
  'ZM',
  'AO',
  'CM',
  'FR',
  'BE',
]);

const named = <K extends string, S extends z.ZodType>(key: K, schema: S) =>
  z.strictObject({ [key]: schema } as { [P in K]: S });

/** The fixed catalogue of transforms. A name alone, or an object with the name as its only key. */
export const TransformName = z.enum(['trim', 'upper', 'lower', 'title', 'words', 'first', 'number', 'integer']);

export const Transform = z
  .union([
    TransformName,
    named(
      'split',
      z.union([
        z.string().min(1).max(10),
        z.strictObject({
          separator: z.string().min(1).max(10),
          index: z
            .number()
            .int()
            .min(-20)
            .max(20)
            .optional()
            .meta({ description: 'Take one part (0 the first, -1 the last), trimmed; without it, every part' }),
        }),
      ]),
    ),
    named('join', z.string().max(10)),
    named('removePrefix', z.string().min(1).max(50)),
    named('splitName', z.union([NamePart, z.strictObject({ part: NamePart, order: NameOrder.optional() })])),
    named('date', z.array(DateFormat).min(1)),
    named('timestamp', z.strictObject({ assumeOffset: z.string().regex(/^(Z|[+-]\d{2}:\d{2})$/) })),
    named('ageToBirthYear', z.strictObject({ reference: AgeReference })),
    named('age', z.strictObject({ reference: AgeReference })),
    named('phone', z.strictObject({ country: PhoneCountry })),
    named('map', ValueMap),
  ])
  .meta({ id: 'Transform' });

const fieldProperties = {
  from: z
    .union([SourcePath, z.array(SourcePath).min(1).max(10)])
    .optional()
    .meta({ description: 'One path, or several tried in order' }),
  combine: z
    .enum(['first', 'all'])
    .optional()
    .meta({ description: 'first (default): the first non-empty source; all: a list of every non-empty source' }),
  value: Scalar.optional().meta({ description: 'A constant, instead of `from`' }),
  transforms: z.array(Transform).max(20).optional(),
  required: z.boolean().optional(),
  onError: z.enum(['reject', 'warn']).optional().meta({
    description:
      "reject (default): a failing transform refuses the record; warn: the field is left empty with a warning, also when its value is outside the canonical field's range",
  }),
  note: z.string().max(1000).optional(),
};

/** Another way to fill the same field, tried when the first gives nothing (a birth date, else an age). */
export const FallbackField = z.strictObject(fieldProperties).meta({ id: 'MappingFallbackField' });

export const Field = z
  .strictObject({ ...fieldProperties, otherwise: FallbackField.optional() })
  .meta({ id: 'MappingField' });

export const Condition = z
  .strictObject({
    path: SourcePath,
    equals: Scalar.optional(),
    in: z.array(Scalar).min(1).optional(),
    empty: z.boolean().optional(),
  })
  .meta({ id: 'MappingCondition', description: 'Exactly one of equals, in, empty' });

/** What a mapping produces from each payload: a canonical record (the default) or a referral request. */
export const MappingTarget = z.enum(['record', 'referral']).meta({
  id: 'MappingTarget',
  description:
    'record (default): fields are those of the canonical record; referral: those of ReferralInput, plus /sourceRecordId',
});

export const Mapping = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    tool: SourceTool,
    target: MappingTarget.optional(),
    title: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    skip: z.array(Condition).max(20).optional().meta({ description: 'The record is skipped when any condition holds' }),
    ignore: z
      .array(SourcePath)
      .max(200)
      .optional()
      .meta({ description: 'Source fields knowingly left out: not reported as unmapped' }),
    fields: z.record(TargetPointer, Field),
  })
  .meta({ id: 'Mapping', title: 'Relais field mapping' });

export type SourcePath = z.infer<typeof SourcePath>;
export type Scalar = z.infer<typeof Scalar>;
export type DateFormat = z.infer<typeof DateFormat>;
export type NamePart = z.infer<typeof NamePart>;
export type NameOrder = z.infer<typeof NameOrder>;
export type AgeReference = z.infer<typeof AgeReference>;
export type ValueMap = z.infer<typeof ValueMap>;
export type PhoneCountry = z.infer<typeof PhoneCountry>;
export type Transform = z.infer<typeof Transform>;
export type Field = z.infer<typeof Field>;
export type FallbackField = z.infer<typeof FallbackField>;
export type Condition = z.infer<typeof Condition>;
export type Mapping = z.infer<typeof Mapping>;
export type MappingTarget = z.infer<typeof MappingTarget>;
