import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fhirIssues } from '../../../adapters/fhir/validate.ts';
import { bundleForPerson, patientToRecord } from '../../../core/fhir/index.ts';
import { BirthDatePrecision, CaregiverRelationship, Sex } from '../../../schemas/canonical/codes.ts';
import { Person } from '../../../schemas/canonical/person.ts';
import { NOMS, POSTNOMS, PRENOMS } from '../../fixtures/registry/households.ts';

/**
 * canonical record → Patient (+ RelatedPersons) → canonical gives back the person on the agreed fields:
 * names (given, family, post-nom, nickname, other names), sex, birth date with its precision, the age
 * stated at registration, phones, identifiers by scheme, address levels and free text, and caregivers
 * (name, relationship, phone). Empty lists and empty names are not generated: FHIR has no empty
 * elements, so they come back absent.
 */

const text = fc.oneof(
  fc.constantFrom(...NOMS, ...POSTNOMS, ...PRENOMS, 'Jean Marie', "N'Sele", 'Ngoie-Kabeya'),
  fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => s.trim() === s && s.length > 0),
);
const some = <T>(arb: fc.Arbitrary<T>, max = 3) =>
  fc.option(fc.array(arb, { minLength: 1, maxLength: max }), { nil: undefined });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const nameArb = fc
  .record(
    { given: opt(text), family: opt(text), middle: opt(text), nickname: opt(text), other: some(text) },
    { requiredKeys: [] },
  )
  .filter((n) => Object.values(n).some((v) => v !== undefined));

const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2026-12-01'), noInvalidDate: true });
const birthArb = fc
  .record({ at: day, precision: fc.constantFrom(...BirthDatePrecision.options) })
  .map(({ at, precision }) => {
    const iso = at.toISOString().slice(0, 10);
    const value = precision === 'exact' ? iso : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
    return { value, precision };
  });
const phone = fc.stringMatching(/^\+243[89]\d{8}$/);

const personArb = fc.record(
  {
    name: nameArb,
    sex: fc.constantFrom(...Sex.options),
    birthDate: opt(birthArb),
    ageAtRegistration: opt(
      fc.record({ years: fc.integer({ min: 0, max: 17 }), asOf: day.map((d) => d.toISOString().slice(0, 10)) }),
    ),
    caregivers: some(
      fc.record(
        { name: opt(nameArb), relationship: fc.constantFrom(...CaregiverRelationship.options), phone: opt(phone) },
        { requiredKeys: ['relationship'] },
      ),
    ),
    phones: some(phone, 5),
    identifiers: some(
      fc.record({
        scheme: fc.constantFrom('national_id', 'birth_certificate', 'unhcr_individual', 'primero_case', 'kobo:uuid'),
        value: text,
      }),
    ),
    location: opt(
      fc
        .record(
          { country: fc.constantFrom('CD', 'BI', 'RW'), province: text, territory: text, locality: text, text },
          { requiredKeys: [] },
        )
        .filter((l) => Object.values(l).some((v) => v !== undefined)),
    ),
  },
  { requiredKeys: ['name', 'sex'] },
);

/** Drops keys whose value is undefined: the record as it is stored (JSON). */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('FHIR round trip (property)', () => {
  it('canonical record → Patient → canonical gives the same person on the agreed fields, and the Patient validates', () => {
    fc.assert(
      fc.property(personArb, (generated) => {
        const parsed = Person.safeParse(stored(generated));
        fc.pre(parsed.success);
        const person = parsed.data!;
        const bundle = bundleForPerson({
          personId: 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa',
          records: [{ id: 'rec_aaaaaaaaaaaaaaaaaaaaaaaaaa', organisationId: 'org_espoir', person }],
        });
        const resources = bundle.entry!.map((e) => e.resource!);
        const patient = resources.find((r) => r.resourceType === 'Patient') as Patient;
        const relatedPersons = resources.filter((r) => r.resourceType === 'RelatedPerson') as RelatedPerson[];
        // Shuffled on purpose: a server returns RelatedPersons in its own order.
        const back = patientToRecord(patient, { relatedPersons: [...relatedPersons].reverse() });
        expect(back.recordId).toBe('rec_aaaaaaaaaaaaaaaaaaaaaaaaaa');
        expect(back.person).toEqual(person);
        expect(fhirIssues(bundle)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
