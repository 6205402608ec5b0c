import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { bundleForPerson, patientToRecord } from '../../../../core/fhir/index.ts';
import { amani } from '../../../fixtures/referrals/referrals.ts';

describe('a Patient from Relais', () => {
  const bundle = bundleForPerson({
    personId: 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    records: [{ id: 'rec_aaaaaaaaaaaaaaaaaaaaaaaaaa', organisationId: 'org_espoir', person: amani }],
  });
  const patient = bundle.entry!.find((e) => e.resource!.resourceType === 'Patient')!.resource as Patient;

  it('writes the nom as family and the prénom then the post-nom as given, the post-nom marked MID', () => {
    expect(patient.name![0]).toEqual({
      use: 'official',
      family: 'Kabasele',
      given: ['Amani', 'Tshimanga'],
      _given: [
        null,
        { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier', valueCode: 'MID' }] },
      ],
    });
  });

  it('keeps the birth date at its precision and the address at its levels', () => {
    expect(patient.birthDate).toBe('2013-04');
    expect(patient.address).toEqual([
      { use: 'home', country: 'CD', state: 'Lualaba', district: 'Kolwezi', city: 'Kanina' },
    ]);
    expect(patient.identifier).toContainEqual({
      system: 'https://relais.example/fhir/identifier/birth_certificate',
      value: 'KZ-2013-0417',
    });
  });
});

describe('a Patient from another system', () => {
  it('reads what the canonical schema has and leaves the rest out', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      identifier: [
        { system: 'urn:oid:1.2.3', value: 'X-1' },
        { system: 'https://relais.example/fhir/identifier/national_id', value: 'CD-99' },
      ],
      name: [
        { family: 'MUKENDI', given: ['Jean', 'Marie'] },
        { use: 'old', text: 'Petit Jean' },
      ],
      gender: 'male',
      birthDate: '2015-06',
      address: [{ city: 'Kasapa', state: 'Haut-Katanga', postalCode: '0000' }],
      maritalStatus: { text: 'never married' },
    };
    const related: RelatedPerson = {
      resourceType: 'RelatedPerson',
      patient: { reference: 'Patient/1' },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }],
      name: [{ text: 'Mama Esther' }],
    };
    expect(patientToRecord(patient, { relatedPersons: [related] })).toEqual({
      person: {
        name: { family: 'MUKENDI', given: 'Jean Marie', other: ['Petit Jean'] },
        sex: 'male',
        birthDate: { value: '2015-06', precision: 'month' },
        identifiers: [{ scheme: 'national_id', value: 'CD-99' }],
        location: { province: 'Haut-Katanga', locality: 'Kasapa' },
        caregivers: [{ relationship: 'mother', name: { other: ['Mama Esther'] } }],
      },
    });
  });
});
