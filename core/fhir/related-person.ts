import type { Patient, Reference, RelatedPerson } from '@medplum/fhirtypes';
import type { CaregiverRelationship } from '../../schemas/canonical/codes.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import type { z } from 'zod';
import { humanNames, personNameOf, phoneValues, phonesOf } from './patient.ts';
import type { FhirSystems } from './systems.ts';

type Caregiver = NonNullable<Person['caregivers']>[number];
type Relationship = z.infer<typeof CaregiverRelationship>;

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * The nearest HL7 v3 RoleCode beside the Relais code, so that FHIR clients show a relationship they know.
 * aunt_uncle has no sex-neutral code (AUNT and UNCLE are apart), so it gets the extended-family code EXT;
 * `other` and `unknown` get none. The Relais code is the one read back.
 */
const V3_ROLE: Readonly<Record<Relationship, string | undefined>> = {
  mother: 'MTH',
  father: 'FTH',
  grandparent: 'GRPRN',
  sibling: 'SIB',
  aunt_uncle: 'EXT',
  other_relative: 'FAMMEMB',
  foster_carer: 'PRNFOST',
  guardian: 'GUARD',
  other: undefined,
  unknown: undefined,
};

/** Read back from another system's RelatedPerson; EXT (extended family) is any relative, not only an aunt. */
const FROM_V3: Readonly<Record<string, Relationship>> = {
  MTH: 'mother',
  FTH: 'father',
  GRPRN: 'grandparent',
  SIB: 'sibling',
  EXT: 'other_relative',
  FAMMEMB: 'other_relative',
  PRNFOST: 'foster_carer',
  GUARD: 'guardian',
};

/** One RelatedPerson per caregiver, keyed by the patient's key and the caregiver's place in the list. */
export function relatedPersonsOf(
  caregivers: Person['caregivers'],
  patient: Reference<Patient>,
  keyValue: string,
  systems: FhirSystems,
): RelatedPerson[] {
  return (caregivers ?? []).map((c, index) => {
    const v3 = V3_ROLE[c.relationship];
    const name = humanNames(c.name);
    const telecom = phonesOf(c.phone === undefined ? [] : [c.phone]);
    return {
      resourceType: 'RelatedPerson',
      identifier: [{ system: systems.caregiver, value: `${keyValue}/${index}` }],
      patient,
      relationship: [
        {
          coding: [
            { system: systems.codeSystem('caregiver-relationship'), code: c.relationship },
            ...(v3 ? [{ system: ROLE_CODE, code: v3 }] : []),
          ],
        },
      ],
      ...(name.length > 0 ? { name } : {}),
      ...(telecom.length > 0 ? { telecom } : {}),
    };
  });
}

/**
 * The caregiver a RelatedPerson describes: the Relais relationship code, else the HL7 v3 one it stands for,
 * else `unknown`.
 */
export function caregiverOf(related: RelatedPerson, systems: FhirSystems): Caregiver {
  const codings = related.relationship?.flatMap((r) => r.coding ?? []) ?? [];
  const own = codings.find((c) => c.system === systems.codeSystem('caregiver-relationship'))?.code as
    Relationship | undefined;
  const v3 = codings.find((c) => c.system === ROLE_CODE && c.code !== undefined && c.code in FROM_V3)?.code;
  const code = own ?? (v3 === undefined ? undefined : FROM_V3[v3]);
  const name = personNameOf(related.name);
  const [phone] = phoneValues(related.telecom);
  return {
    relationship: code ?? 'unknown',
    ...(name ? { name } : {}),
    ...(phone !== undefined ? { phone } : {}),
  };
}

/** The caregiver's place in its record's list, from the identifier `relatedPersonsOf` gave it. */
export function caregiverIndex(related: RelatedPerson, systems: FhirSystems): number {
  const value = related.identifier?.find((i) => i.system === systems.caregiver)?.value;
  const index = value === undefined ? NaN : Number(value.slice(value.lastIndexOf('/') + 1));
  return Number.isInteger(index) ? index : Number.MAX_SAFE_INTEGER;
}
