import * as z from 'zod';
import { localisedIssue } from '../localised-issue.ts';
import { BirthDatePrecision, CaregiverRelationship, Sex } from './codes.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** ISO 3166-1 alpha-2, upper case (CD, BI, RW...). */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .meta({ id: 'CountryCode' });

/** E.164, the one phone format every partner system can dial. */
export const PhoneNumber = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/)
  .meta({ id: 'PhoneNumber', description: 'E.164, e.g. +243812345678' });

export const PersonName = z
  .strictObject({
    given: text(200).optional().meta({ description: 'Prénom(s)' }),
    family: text(200).optional().meta({ description: 'Nom (family name)' }),
    middle: text(200).optional().meta({ description: 'Post-nom or middle names' }),
    nickname: text(200).optional(),
    other: z.array(text(200)).max(10).optional().meta({ description: 'Other names the child is known by' }),
  })
  .meta({ id: 'PersonName' });

/**
 * A birth date that keeps what is really known: a year only, a month, a full date, or an estimate
 * from an age. `value` is as long as the precision allows.
 */
export const BirthDate = z
  .strictObject({
    value: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      .meta({ description: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
    precision: BirthDatePrecision,
  })
  .superRefine((d, ctx) => {
    const parts = d.value.split('-').length;
    const expected = d.precision === 'exact' ? 3 : d.precision === 'month' ? 2 : 1;
    if (parts !== expected) {
      const shape = ['', 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'][expected];
      ctx.addIssue(
        localisedIssue(
          ['value'],
          `Precision "${d.precision}" takes ${shape}`,
          `La précision « ${d.precision} » demande ${shape}`,
        ),
      );
    }
    if (parts >= 2) {
      const [y, m, day = 1] = d.value.split('-').map(Number) as [number, number, number?];
      const dt = new Date(Date.UTC(y, m - 1, day));
      if (m < 1 || m > 12 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== day) {
        ctx.addIssue(localisedIssue(['value'], 'Not a calendar date', "Ce n'est pas une date du calendrier"));
      }
    }
  })
  .meta({ id: 'BirthDate' });

export const AgeAtRegistration = z
  .strictObject({
    years: z.number().int().min(0).max(120),
    asOf: z.iso.date().meta({ description: 'The date the age was stated' }),
  })
  .meta({ id: 'AgeAtRegistration' });

export const Identifier = z
  .strictObject({
    scheme: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.:-]{1,63}$/)
      .meta({ description: 'e.g. national_id, birth_certificate, unhcr_individual, primero_case' }),
    value: text(100),
  })
  .meta({ id: 'Identifier' });

export const Caregiver = z
  .strictObject({
    name: PersonName.optional(),
    relationship: CaregiverRelationship,
    phone: PhoneNumber.optional(),
  })
  .meta({ id: 'Caregiver' });

/** Administrative levels as the DRC and Burundi use them: country → province → territory/commune → locality. */
export const Location = z
  .strictObject({
    country: CountryCode.optional(),
    province: text(100).optional(),
    territory: text(100).optional().meta({ description: 'Territoire / ville (DRC) or commune (Burundi)' }),
    locality: text(100).optional().meta({ description: 'Chefferie, quartier, colline or village' }),
    text: text(500).optional().meta({ description: 'Free-text address as recorded' }),
  })
  .meta({ id: 'Location' });

export const Person = z
  .strictObject({
    name: PersonName,
    sex: Sex,
    birthDate: BirthDate.optional(),
    ageAtRegistration: AgeAtRegistration.optional(),
    caregivers: z.array(Caregiver).max(10).optional(),
    phones: z.array(PhoneNumber).max(5).optional(),
    identifiers: z.array(Identifier).max(20).optional(),
    location: Location.optional(),
  })
  .meta({ id: 'Person' });

export type Person = z.infer<typeof Person>;
export type PersonName = z.infer<typeof PersonName>;
export type BirthDate = z.infer<typeof BirthDate>;
export type Location = z.infer<typeof Location>;
