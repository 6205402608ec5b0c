import type {
  Address,
  ContactPoint,
  Element,
  Extension,
  HumanName,
  Identifier,
  Organization,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import type { BirthDate, Location, Person, PersonName } from '../../schemas/canonical/person.ts';
import { type FhirSystems, schemeOf } from './systems.ts';

/**
 * A canonical person as an R4 Patient, and back. The choices, each so that the agreed fields come back
 * unchanged (test/property/fhir/round-trip.property.test.ts):
 * - Names. The official name has the nom as `family` and the prénom then the post-nom as `given`, the
 *   post-nom marked with the core `iso21090-EN-qualifier` extension, code MID. Primero, as the DRC
 *   deployments use it, files the post-nom in `name_middle`, and FHIR puts middle names in `given`; so a
 *   system that ignores extensions still reads the full name in the order registrars write it, and
 *   Relais tells the post-nom apart. The nickname is a HumanName of use `nickname`; other names the child
 *   is known by (Primero's `name_other`) are names of use `usual` with their text.
 * - Birth. `birthDate` carries the precision it has (YYYY, YYYY-MM or YYYY-MM-DD, as FHIR dates may). A
 *   year derived from an age carries the Relais `birth-date-estimated` extension on the date; the stated
 *   age itself is a Relais `age-at-registration` extension (an Age and the date it was stated).
 * - Address. province → `state`, territory/commune → `district`, locality (chefferie, quartier, colline,
 *   village) → `city`: the R4 elements whose definitions are the nearest (sub-unit of the country, the
 *   district below it, the settlement), so that any FHIR client shows them; no extension is needed.
 */

/** A FHIR primitive with its extension element: @medplum/fhirtypes leaves `_given`/`_birthDate` out. */
type NameWithParts = HumanName & { _given?: Array<Element | null> };
export type RelaisPatient = Patient & { _birthDate?: Element; name?: NameWithParts[] };

const QUALIFIER = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier';
const middleMark = (): Element => ({ extension: [{ url: QUALIFIER, valueCode: 'MID' }] });
const isMiddle = (e: Element | null | undefined) =>
  e?.extension?.some((x) => x.url === QUALIFIER && x.valueCode === 'MID') ?? false;

export function humanNames(name: Partial<PersonName> | undefined): NameWithParts[] {
  if (!name) return [];
  const names: NameWithParts[] = [];
  const parts = [name.given, name.middle].filter((p): p is string => p !== undefined);
  if (name.family !== undefined || parts.length > 0) {
    names.push({
      use: 'official',
      ...(name.family !== undefined ? { family: name.family } : {}),
      ...(parts.length > 0 ? { given: parts } : {}),
      ...(name.middle !== undefined
        ? { _given: parts.map((p, i) => (i === parts.length - 1 ? middleMark() : null)) }
        : {}),
    });
  }
  if (name.nickname !== undefined) names.push({ use: 'nickname', given: [name.nickname] });
  for (const other of name.other ?? []) names.push({ use: 'usual', text: other });
  return names;
}

export function personNameOf(names: readonly NameWithParts[] | undefined): PersonName | undefined {
  if (!names || names.length === 0) return undefined;
  const name: PersonName = {};
  const hasParts = (n: NameWithParts) => n.family !== undefined || (n.given?.length ?? 0) > 0;
  const official =
    names.find((n) => n.use === 'official' && hasParts(n)) ?? names.find((n) => n.use === undefined && hasParts(n));
  if (official) {
    if (official.family !== undefined) name.family = official.family;
    const given: string[] = [];
    (official.given ?? []).forEach((part, i) => {
      if (isMiddle(official._given?.[i])) name.middle = part;
      else given.push(part);
    });
    if (given.length > 0) name.given = given.join(' ');
  }
  const nickname = names.find((n) => n.use === 'nickname');
  const nick = nickname?.given?.join(' ') ?? nickname?.text;
  if (nick !== undefined) name.nickname = nick;
  // Names the child is known by, and names another system gave only as text: the canonical schema has no
  // whole-name field, and splitting a text into nom and prénom would be a guess.
  const others = names
    .filter((n) => n !== official && n !== nickname && (n.use === 'usual' || !hasParts(n)))
    .map((n) => n.text ?? [...(n.given ?? []), n.family].filter(Boolean).join(' '))
    .filter((t) => t.length > 0);
  if (others.length > 0) name.other = others;
  return Object.keys(name).length > 0 ? name : undefined;
}

export function addressOf(location: Location | undefined): Address[] {
  if (!location) return [];
  const address: Address = {
    use: 'home',
    ...(location.text !== undefined ? { text: location.text } : {}),
    ...(location.locality !== undefined ? { city: location.locality } : {}),
    ...(location.territory !== undefined ? { district: location.territory } : {}),
    ...(location.province !== undefined ? { state: location.province } : {}),
    ...(location.country !== undefined ? { country: location.country } : {}),
  };
  return Object.keys(address).length > 1 ? [address] : [];
}

export function locationOf(addresses: readonly Address[] | undefined): Location | undefined {
  const a = addresses?.find((x) => x.use === 'home') ?? addresses?.[0];
  if (!a) return undefined;
  const location: Location = {
    ...(a.country !== undefined ? { country: a.country } : {}),
    ...(a.state !== undefined ? { province: a.state } : {}),
    ...(a.district !== undefined ? { territory: a.district } : {}),
    ...(a.city !== undefined ? { locality: a.city } : {}),
    ...(a.text !== undefined ? { text: a.text } : {}),
  };
  return Object.keys(location).length > 0 ? location : undefined;
}

export const phonesOf = (phones: readonly string[] | undefined): ContactPoint[] =>
  (phones ?? []).map((value) => ({ system: 'phone', value, use: 'mobile' }));

export const phoneValues = (telecom: readonly ContactPoint[] | undefined): string[] =>
  (telecom ?? []).filter((t) => t.system === 'phone' && t.value !== undefined).map((t) => t.value!);

function birthOf(birth: BirthDate | undefined, systems: FhirSystems): Pick<RelaisPatient, 'birthDate' | '_birthDate'> {
  if (!birth) return {};
  if (birth.precision !== 'estimated') return { birthDate: birth.value };
  return {
    birthDate: birth.value,
    _birthDate: { extension: [{ url: systems.extension('birth-date-estimated'), valueBoolean: true }] },
  };
}

function birthFrom(patient: RelaisPatient, systems: FhirSystems): BirthDate | undefined {
  const value = patient.birthDate;
  if (value === undefined) return undefined;
  const estimated = patient._birthDate?.extension?.some(
    (x) => x.url === systems.extension('birth-date-estimated') && x.valueBoolean === true,
  );
  if (estimated) return { value, precision: 'estimated' };
  const parts = value.split('-').length;
  return { value, precision: parts === 3 ? 'exact' : parts === 2 ? 'month' : 'year' };
}

function ageExtension(age: Person['ageAtRegistration'], systems: FhirSystems): Extension[] {
  if (!age) return [];
  return [
    {
      url: systems.extension('age-at-registration'),
      extension: [
        { url: 'years', valueAge: { value: age.years, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } },
        { url: 'asOf', valueDate: age.asOf },
      ],
    },
  ];
}

function ageFrom(patient: Patient, systems: FhirSystems): Person['ageAtRegistration'] {
  const ext = patient.extension?.find((x) => x.url === systems.extension('age-at-registration'));
  const years = ext?.extension?.find((x) => x.url === 'years')?.valueAge?.value;
  const asOf = ext?.extension?.find((x) => x.url === 'asOf')?.valueDate;
  return years !== undefined && asOf !== undefined ? { years, asOf } : undefined;
}

const schemeIdentifiers = (person: Partial<Person>, systems: FhirSystems): Identifier[] =>
  (person.identifiers ?? []).map((i) => ({ system: systems.identifier(i.scheme), value: i.value }));

/**
 * The Patient of one person as far as it is given: a whole canonical person for a record, or a referral's
 * minimised view, whose absent parts stay absent. `key` is the identifier the Bundle updates it on.
 */
export function patientOf(
  person: Partial<Person>,
  key: Identifier,
  systems: FhirSystems,
  more: { identifiers?: Identifier[]; managingOrganization?: Reference<Organization>; link?: Patient['link'] } = {},
): RelaisPatient {
  const extension = ageExtension(person.ageAtRegistration, systems);
  const name = humanNames(person.name);
  const telecom = phonesOf(person.phones);
  const address = addressOf(person.location);
  return {
    resourceType: 'Patient',
    identifier: [{ use: 'official', ...key }, ...(more.identifiers ?? []), ...schemeIdentifiers(person, systems)],
    ...(extension.length > 0 ? { extension } : {}),
    ...(name.length > 0 ? { name } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(person.sex !== undefined ? { gender: person.sex } : {}),
    ...birthOf(person.birthDate, systems),
    ...(address.length > 0 ? { address } : {}),
    ...(more.managingOrganization ? { managingOrganization: more.managingOrganization } : {}),
    ...(more.link && more.link.length > 0 ? { link: more.link } : {}),
  };
}

/** The canonical person fields a Patient carries (caregivers come from its RelatedPersons). */
export function personFieldsOf(patient: RelaisPatient, systems: FhirSystems): Partial<Person> {
  const person: Partial<Person> = {};
  const name = personNameOf(patient.name);
  if (name) person.name = name;
  if (patient.gender !== undefined) person.sex = patient.gender;
  const birthDate = birthFrom(patient, systems);
  if (birthDate) person.birthDate = birthDate;
  const age = ageFrom(patient, systems);
  if (age) person.ageAtRegistration = age;
  const phones = phoneValues(patient.telecom);
  if (phones.length > 0) person.phones = phones;
  const identifiers = (patient.identifier ?? []).flatMap((i) => {
    const scheme = schemeOf(systems, i.system);
    return scheme !== undefined && i.value !== undefined ? [{ scheme, value: i.value }] : [];
  });
  if (identifiers.length > 0) person.identifiers = identifiers;
  const location = locationOf(patient.address);
  if (location) person.location = location;
  return person;
}
