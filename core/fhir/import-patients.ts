import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import type { NormalisedRecord } from '../../schemas/canonical/record.ts';
import { type FhirOptions, patientToRecord } from './index.ts';

/**
 * Patients read from a partner's FHIR server, as canonical inputs for one of the partner's canonical sources
 * (POST /v1/sources/{id}/records): they then go through ingestion and the registry like any pushed record.
 * The source record id is the Patient's id on that server (stable across versions), so a Patient pulled
 * again updates its record instead of making another. A Patient is a person, not a case: the case is `open`
 * with nothing else known. Caregivers come from the RelatedPersons that point at the Patient.
 */
export function patientsAsRecords(
  patients: readonly Patient[],
  relatedPersons: readonly RelatedPerson[],
  options: FhirOptions = {},
): NormalisedRecord[] {
  return patients
    .filter((p) => p.id)
    .map((patient) => {
      const related = relatedPersons.filter((r) => r.patient?.reference === `Patient/${patient.id}`);
      const { person } = patientToRecord(patient, { ...options, relatedPersons: related });
      return {
        sourceRecordId: `Patient/${patient.id}`,
        ...(patient.meta?.lastUpdated ? { sourceUpdatedAt: patient.meta.lastUpdated } : {}),
        person: { sex: 'unknown', ...person, name: person.name ?? {} } as NormalisedRecord['person'],
        case: { status: 'open' },
      };
    });
}
