import * as z from 'zod';
import type { Person } from '../../schemas/canonical/person.ts';
import { nameTokens, normaliseText, phoneKey } from './normalise.ts';
import { canonicalSpelling } from './variants.ts';

/** What the matcher knows of a birth date: the parts really recorded, and how many years it may be off. */
export const BirthFacts = z.strictObject({
  year: z.number().int(),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),
  /** 0 when the date was written down, more when it was estimated from an age. */
  slack: z.number().int().min(0),
});

/**
 * The normalised view of one record's person that matching works on. Derived, never the truth: the
 * registry keeps it next to each linked record so that candidates can be scored without reading records.
 */
export const MatchSubject = z.strictObject({
  recordId: z.string(),
  organisationId: z.string(),
  /** Every name token (nom, post-nom, prénom, other names) as one bag, variant-folded, sorted. */
  names: z.array(z.string()),
  sex: z.enum(['female', 'male', 'other']).optional(),
  birth: BirthFacts.optional(),
  country: z.string().optional(),
  province: z.string().optional(),
  territory: z.string().optional(),
  locality: z.string().optional(),
  /** Free-text address tokens, sorted. */
  address: z.array(z.string()),
  /** The first free-text address tokens in the order written (house number before street name). */
  addressLine: z.array(z.string()),
  /** Caregiver name bags. */
  caregivers: z.array(z.array(z.string())),
  /** Phone keys of the child and of the caregivers. */
  phones: z.array(z.string()),
  /** `scheme:value`, value normalised. */
  identifiers: z.array(z.string()),
});

export type BirthFacts = z.infer<typeof BirthFacts>;
export type MatchSubject = z.infer<typeof MatchSubject>;

/** How many tokens a name bag keeps: longer strings are almost always a note typed into a name field. */
const MAX_NAME_TOKENS = 6;
/** Estimated ages are rounded by people who guess them: a child "about 8" can be 6 or 10. */
const ESTIMATE_SLACK = 2;

const bag = (...parts: ReadonlyArray<string | undefined>): string[] =>
  [...new Set(nameTokens(...parts).map(canonicalSpelling))].sort().slice(0, MAX_NAME_TOKENS);

const place = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const text = normaliseText(value);
  return text ? text.split(' ').map(canonicalSpelling).join(' ') : undefined;
};

function birthFacts(person: Person): BirthFacts | undefined {
  const { birthDate, ageAtRegistration } = person;
  if (birthDate) {
    const [year, month, day] = birthDate.value.split('-').map(Number) as [number, number?, number?];
    const estimated = birthDate.precision === 'estimated';
    return {
      year,
      ...(month !== undefined && !estimated ? { month } : {}),
      ...(day !== undefined && !estimated ? { day } : {}),
      slack: estimated ? ESTIMATE_SLACK : 0,
    };
  }
  if (ageAtRegistration) {
    // A stated age of N on a date means a birth in the year before or the year of (asOf - N).
    const asOfYear = Number(ageAtRegistration.asOf.slice(0, 4));
    return { year: asOfYear - ageAtRegistration.years, slack: ESTIMATE_SLACK };
  }
  return undefined;
}

export function matchSubject(person: Person, ref: { recordId: string; organisationId: string }): MatchSubject {
  const { name, location } = person;
  const phones = new Set<string>();
  for (const phone of [
    ...(person.phones ?? []),
    ...(person.caregivers ?? []).flatMap((c) => (c.phone ? [c.phone] : [])),
  ]) {
    const key = phoneKey(phone);
    if (key) phones.add(key);
  }
  const identifiers = (person.identifiers ?? []).map(
    (i) => `${i.scheme}:${i.value.toLowerCase().replace(/[^a-z0-9]/g, '')}`,
  );
  const birth = birthFacts(person);
  const subject: MatchSubject = {
    recordId: ref.recordId,
    organisationId: ref.organisationId,
    names: bag(name.family, name.middle, name.given, ...(name.other ?? [])),
    address: [...new Set(nameTokens(location?.text))].sort(),
    addressLine: nameTokens(location?.text).slice(0, 4),
    caregivers: (person.caregivers ?? [])
      .map((c) => bag(c.name?.family, c.name?.middle, c.name?.given))
      .filter((b) => b.length > 0),
    phones: [...phones].sort(),
    identifiers: [...new Set(identifiers)].sort(),
  };
  if (person.sex === 'female' || person.sex === 'male' || person.sex === 'other') subject.sex = person.sex;
  if (birth) subject.birth = birth;
  const country = location?.country;
  if (country) subject.country = country;
  const province = place(location?.province);
  if (province) subject.province = province;
  const territory = place(location?.territory);
  if (territory) subject.territory = territory;
  const locality = place(location?.locality);
  if (locality) subject.locality = locality;
  return subject;
}
