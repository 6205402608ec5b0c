import type { Bundle, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirClient } from '../../../adapters/fhir/client.ts';
import { fhirIssues } from '../../../adapters/fhir/validate.ts';
import { systemResolver } from '../../../adapters/outbound/resolve.ts';
import { bundleForPerson, bundleForReferral, fhirSystems, patientToRecord } from '../../../core/fhir/index.ts';
import { TransactionBundle } from '../../../schemas/fhir/sync.ts';
import { fixturePersons, fixtureReferralViews } from '../../fixtures/fhir/exports.ts';
import { type FhirServer, startFhirServer } from '../../support/fhir-server.ts';

/**
 * The Bundles Relais emits for every fixture (each built-in source's golden records as registry persons, and
 * both sides of referrals in every status), against a real FHIR server over HTTP: each validates, pushing all
 * of them twice leaves each resource on the server once, and the Patients read back from the server give the
 * same canonical person (the round trip property, test/property/fhir, through a server).
 */
let fhir: FhirServer;
const TOKEN = 'tok_fixtures';
const systems = fhirSystems();

beforeAll(async () => {
  fhir = await startFhirServer({ token: TOKEN });
});
afterAll(() => fhir?.close());

const persons = fixturePersons();
const bundles: Bundle[] = [
  ...persons.map((p) => bundleForPerson(p)),
  ...fixtureReferralViews().map((view) => bundleForReferral(view)),
];
const counts = async () => {
  const types = ['Patient', 'RelatedPerson', 'Organization', 'ServiceRequest', 'Task', 'Consent'] as const;
  return Object.fromEntries(
    await Promise.all(types.map(async (t) => [t, (await fhir.repo.search({ resourceType: t })).entry?.length ?? 0])),
  );
};
/** The resources the Bundles name, one per conditional key (an Organization is in many Bundles). */
const distinct = () => {
  const keys = new Map<string, Set<string>>();
  for (const entry of bundles.flatMap((b) => b.entry ?? [])) {
    const type = entry.resource!.resourceType;
    const key = entry.request?.ifNoneExist ?? entry.request?.url ?? '';
    keys.set(type, (keys.get(type) ?? new Set()).add(key));
  }
  return Object.fromEntries([...keys].map(([t, k]) => [t, k.size]));
};

describe('the fixtures on a real FHIR server', () => {
  it('validate against R4, every one of them', () => {
    expect(bundles.length).toBeGreaterThan(10);
    for (const bundle of bundles) expect(fhirIssues(bundle)).toEqual([]);
  });

  it('pushed twice, through fhir-kit-client over HTTP, leave each resource on the server once', async () => {
    const client = createFhirClient({
      baseUrl: fhir.baseUrl,
      auth: { kind: 'bearer', token: TOKEN },
      resolver: systemResolver,
      allowHttpLoopback: true,
    });
    for (const bundle of bundles) expect((await client.push(TransactionBundle.parse(bundle))).kind).toBe('pushed');
    const once = await counts();
    expect(once).toMatchObject(distinct());
    for (const bundle of bundles) expect((await client.push(TransactionBundle.parse(bundle))).kind).toBe('pushed');
    expect(await counts()).toEqual(once);
  });

  it('read back from the server, give each record’s person again', async () => {
    const kit = new Client({ baseUrl: fhir.baseUrl, customHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const search = async <T extends Resource>(resourceType: string, searchParams: Record<string, string>) =>
      (((await kit.search({ resourceType, searchParams })) as unknown as Bundle).entry ?? []).map(
        (e) => e.resource as T,
      );
    let compared = 0;
    for (const { records } of persons) {
      for (const record of records) {
        const [patient] = await search<Patient>('Patient', { identifier: `${systems.record}|${record.id}` });
        expect(patient, record.id).toBeDefined();
        const relatedPersons = await search<RelatedPerson>('RelatedPerson', { patient: `Patient/${patient!.id}` });
        const back = patientToRecord(patient!, { relatedPersons });
        expect(back.recordId).toBe(record.id);
        // Every field a fixture person has is one the round trip keeps: the whole person comes back.
        expect(back.person).toEqual(record.person);
        compared++;
      }
    }
    expect(compared).toBe(persons.flatMap((p) => p.records).length);
  });
});
