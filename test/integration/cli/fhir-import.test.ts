import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirClient } from '../../../adapters/fhir/client.ts';
import { systemResolver } from '../../../adapters/outbound/resolve.ts';
import { bundleForPerson } from '../../../core/fhir/index.ts';
import { TransactionBundle } from '../../../schemas/fhir/sync.ts';
import { fixturePersons } from '../../fixtures/fhir/exports.ts';
import { relais } from '../../support/cli.ts';
import { type FhirServer, startFhirServer } from '../../support/fhir-server.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

/**
 * A health partner's Patients, pulled from its FHIR server into one of its canonical sources: they go
 * through ingestion like any pushed record, caregivers (RelatedPersons) included, and a second pull
 * changes nothing.
 */
let api: LocalApi;
let fhir: FhirServer;
const TOKEN = 'tok_health';
const LOOPBACK = { RELAIS_ALLOW_HTTP_LOOPBACK: '1', RELAIS_FHIR_TOKEN: TOKEN };
const people = fixturePersons().slice(0, 4);

beforeAll(async () => {
  api = await startLocalApi();
  fhir = await startFhirServer({ token: TOKEN });
  const client = createFhirClient({
    baseUrl: fhir.baseUrl,
    auth: { kind: 'bearer', token: TOKEN },
    resolver: systemResolver,
    allowHttpLoopback: true,
  });
  for (const p of people) expect((await client.push(TransactionBundle.parse(bundleForPerson(p)))).kind).toBe('pushed');
});
afterAll(async () => {
  await fhir?.close();
  await api?.close();
});

describe('relais fhir pull --type Patient --into', () => {
  it('imports every Patient into the canonical source, with its caregivers, and a second pull changes nothing', async () => {
    const patients = (await fhir.repo.search<Patient>({ resourceType: 'Patient' })).entry!.map((e) => e.resource!);
    const args = [
      'fhir',
      'pull',
      '--endpoint',
      fhir.baseUrl,
      '--type',
      'Patient',
      '--into',
      'src_b-keyed',
      '--key',
      api.keys.bSource,
      '--url',
      api.url,
    ];
    const first = await relais(args, LOOPBACK);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout).toContain(`${patients.length} Patients sent to src_b-keyed: ${patients.length} created`);
    const again = await relais(args, LOOPBACK);
    expect(again.stdout).toContain(`${patients.length} unchanged`);

    // Each record holds the person the Patient was made from.
    const listed = await api.request('GET', '/v1/records?sourceId=src_b-keyed&limit=100', {
      headers: { 'x-api-key': api.keys.bAdmin },
    });
    const stored = listed.body.items as Array<{ provenance: { sourceRecordId: string }; person: unknown }>;
    expect(stored).toHaveLength(patients.length);
    const bySourceId = new Map(stored.map((r) => [r.provenance.sourceRecordId, r.person]));
    const original = new Map(people.flatMap((p) => p.records).map((r) => [r.id, r.person]));
    for (const patient of patients) {
      const recordId = patient.identifier!.find((i) => i.system!.endsWith('/sid/record'))!.value!;
      expect(bySourceId.get(`Patient/${patient.id}`), recordId).toEqual(original.get(recordId));
    }
  });

  it('refuses --into for another resource type, or without a key (usage errors)', async () => {
    const base = ['fhir', 'pull', '--endpoint', fhir.baseUrl, '--into', 'src_b-keyed'];
    expect(await relais([...base, '--type', 'Task', '--key', 'k'], LOOPBACK)).toMatchObject({ code: 2 });
    const noKey = await relais([...base, '--type', 'Patient'], { ...LOOPBACK, RELAIS_API_KEY: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key');
  });
});
