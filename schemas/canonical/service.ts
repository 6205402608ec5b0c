import * as z from 'zod';
import { localisedIssue } from '../localised-issue.ts';
import { ServiceType, Sex } from './codes.ts';
import { OrganisationId } from './organisation.ts';
import { CountryCode, PhoneNumber } from './person.ts';

/**
 * The service directory ("cartographie des services"), shaped after Open Referral HSDS 3.0. It is public
 * to partners and holds no child data: a focal point is a role and an office line, never a person.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** Drawn by Relais like source ids: `svc_` and 16 lower-case hex digits. */
export const ServiceId = z
  .string()
  .regex(/^svc_[0-9a-f]{16}$/)
  .meta({ id: 'ServiceId', description: 'svc_ and 16 lower-case hex digits, drawn by Relais' });

/** Text in French, English or both: at least one. */
const localisedText = (max: number, id: string) =>
  z
    .strictObject({ fr: text(max).optional(), en: text(max).optional() })
    .superRefine((value, ctx) => {
      if (value.fr === undefined && value.en === undefined)
        ctx.addIssue(
          localisedIssue(
            [],
            'Give the text in French, English or both',
            'Donnez le texte en français, en anglais ou les deux',
          ),
        );
    })
    .meta({ id });

export const ServiceName = localisedText(200, 'ServiceName');
export const ServiceDescription = localisedText(2000, 'ServiceDescription');

/** HSDS's status list, with `temporarily closed` spelt in kebab case. Only an active service is chosen. */
export const ServiceStatus = z
  .enum(['active', 'inactive', 'defunct', 'temporarily-closed'])
  .meta({ id: 'ServiceStatus' });

const Age = z.number().int().min(0).max(120);

export const ServiceEligibility = z
  .strictObject({
    minimumAge: Age.optional().meta({ description: 'Years, inclusive' }),
    maximumAge: Age.optional().meta({ description: 'Years, inclusive' }),
    sexes: z
      .array(Sex)
      .min(1)
      .max(4)
      .optional()
      .meta({ description: 'A Relais extension (HSDS has no sex eligibility); absent: every sex' }),
    description: ServiceDescription.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.minimumAge !== undefined && e.maximumAge !== undefined && e.minimumAge > e.maximumAge)
      ctx.addIssue(
        localisedIssue(
          ['maximumAge'],
          'The maximum age must not be below the minimum age',
          "L'âge maximal ne doit pas être inférieur à l'âge minimal",
        ),
      );
  })
  .meta({ id: 'ServiceEligibility' });

/**
 * An administrative area with the canonical Location levels. It covers every child whose location agrees
 * on every level the area sets (case- and accent-insensitively), so at least one level is set.
 */
export const ServiceArea = z
  .strictObject({
    country: CountryCode.optional(),
    province: text(100).optional(),
    territory: text(100).optional(),
    locality: text(100).optional(),
  })
  .superRefine((area, ctx) => {
    if (Object.values(area).every((level) => level === undefined))
      ctx.addIssue(
        localisedIssue(
          [],
          'Set at least one of country, province, territory or locality',
          'Indiquez au moins un niveau : pays, province, territoire ou localité',
        ),
      );
  })
  .meta({ id: 'ServiceArea' });

export const ServiceCapacity = z
  .strictObject({
    total: z.number().int().min(0),
    available: z.number().int().min(0).optional().meta({ description: 'Places free now; absent: unknown' }),
  })
  .superRefine((c, ctx) => {
    if (c.available !== undefined && c.available > c.total)
      ctx.addIssue(
        localisedIssue(
          ['available'],
          'Available places cannot exceed the total',
          'Les places disponibles ne peuvent dépasser le total',
        ),
      );
  })
  .meta({ id: 'ServiceCapacity' });

/** Who receives referrals: a role and office contacts, never a person's name. Never logged. */
export const FocalPoint = z
  .strictObject({
    role: text(200).meta({ description: 'A role, e.g. "Chargé de protection"; never a person\'s name' }),
    email: z.email().max(254).optional(),
    phone: PhoneNumber.optional().meta({ description: 'An office line, E.164' }),
  })
  .meta({ id: 'FocalPoint' });

/** ISO 639-3, e.g. fra, swa, lin, kir, eng. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{3}$/)
  .meta({ id: 'LanguageCode', description: 'ISO 639-3, e.g. fra, swa, lin, kir, eng' });

/** What an administrator describes; Relais adds the id, the organisation, the version and lastModified. */
export const serviceFields = {
  name: ServiceName,
  description: ServiceDescription.optional(),
  type: ServiceType,
  typeLabel: text(200)
    .optional()
    .meta({ description: "Required when type is other: the partner's own name for the kind of service" }),
  status: ServiceStatus,
  eligibility: ServiceEligibility,
  languages: z.array(LanguageCode).min(1).max(20),
  serviceAreas: z.array(ServiceArea).min(1).max(100),
  capacity: ServiceCapacity.optional(),
  focalPoint: FocalPoint,
};

/** `other` names its kind; any listed type is its own name. */
export function checkTypeLabel(service: { type: ServiceType; typeLabel?: string | undefined }, ctx: z.RefinementCtx) {
  if (service.type === 'other' && service.typeLabel === undefined)
    ctx.addIssue(
      localisedIssue(
        ['typeLabel'],
        'Name the kind of service when type is other',
        'Nommez le type de service quand type vaut other',
      ),
    );
  if (service.type !== 'other' && service.typeLabel !== undefined)
    ctx.addIssue(
      localisedIssue(
        ['typeLabel'],
        'Only a service of type other takes a typeLabel',
        'Seul un service de type other prend un typeLabel',
      ),
    );
}

export const Service = z
  .strictObject({
    id: ServiceId,
    organisationId: OrganisationId,
    ...serviceFields,
    lastModified: z.iso.datetime(),
    version: z.number().int().min(1).meta({ description: 'Starts at 1; an update must name the current one' }),
  })
  .superRefine(checkTypeLabel)
  .meta({ id: 'Service' });

export type ServiceStatus = z.infer<typeof ServiceStatus>;
export type ServiceArea = z.infer<typeof ServiceArea>;
export type Service = z.infer<typeof Service>;
