import type { Bundle } from '@medplum/fhirtypes';
import type { Principal } from '../access/principal.ts';
import { personForOrganisation } from '../persons/scoped-registry.ts';
import type { RecordStore } from '../ports.ts';
import { readRecord } from '../records/read-records.ts';
import { readReferral } from '../referrals/read.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import type { RegistryDeps } from '../registry/deps.ts';
import { type FhirOptions, bundleForPerson, bundleForReferral } from './index.ts';

/**
 * FHIR exports as the caller's organisation. They call the very reads behind GET /v1/persons/{id},
 * GET /v1/records/{id} and GET /v1/referrals/{id}, and map only what those return, so an export never
 * shows more than the JSON API shows the same caller: the same 404s, only the caller's own records of a
 * person, and a referral's child only as its consent minimisation and the receiver's grant allow.
 */

export async function exportPerson(
  deps: { registry: RegistryDeps; records: RecordStore },
  principal: Pick<Principal, 'organisationId'>,
  personId: string,
  options?: FhirOptions,
): Promise<Bundle> {
  const person = await personForOrganisation(deps.registry, principal.organisationId, personId);
  const records = [];
  for (const { recordId } of person.records) {
    records.push(await readRecord(deps.records, deps.registry.store, principal.organisationId, recordId));
  }
  return bundleForPerson({ personId: person.id, records }, options);
}

/**
 * A receiver's export of the child is a cross-organisation read like its JSON read: recorded as a `read`
 * fact, and `crossOrganisationRead` tells the caller to write the same audit line as the route does.
 */
export async function exportReferral(
  deps: { referrals: ReferralStore },
  principal: Principal,
  referralId: string,
  at: Date,
  options?: FhirOptions,
): Promise<{ bundle: Bundle; crossOrganisationRead: boolean }> {
  const { view, crossOrganisationRead } = await readReferral(deps, principal, referralId, at);
  return { bundle: bundleForReferral(view, options), crossOrganisationRead };
}
