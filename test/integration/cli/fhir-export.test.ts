import type { Bundle, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFhirExport } from '../../../cli/commands/fhir.ts';
import { patientToRecord } from '../../../core/fhir/index.ts';
import { consentFor } from '../../fixtures/referrals/referrals.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { relais, relaisProcess } from '../../support/cli.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

const resources = <T>(bundle: Bundle, type: string) =>
  bundle.entry!.map((e) => e.resource!).filter((r) => r.resourceType === type) as T[];

let api: LocalApi;
let recordOfA: string;
let personOfA: string;
let referralId: string;
const json = (key: string) => ({ 'content-type': 'application/json', 'x-api-key': key });

beforeAll(async () => {
  api = await startLocalApi();
  const child = canonicalInput({
    person: {
      name: { family: 'NDUWIMANA', given: 'Aline', middle: 'Irakoze' },
      sex: 'female',
      birthDate: { value: '2015-06', precision: 'month' },
      phones: ['+25779123456'],
      caregivers: [{ relationship: 'mother', name: { given: 'Claudine' } }],
      identifiers: [{ scheme: 'birth_certificate', value: 'BJM-2015-0612' }],
      location: { country: 'BI', province: 'Bujumbura Mairie', territory: 'Mukaza', locality: 'Rohero' },
    },
  });
  recordOfA = (await api.signedPost('src_a-signed', JSON.stringify(child))).body.records[0].id;
  await api.runtime.drain();
  personOfA = (await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aReader } }))
    .body.personId;
  const service = await api.request('POST', '/v1/admin/services', {
    headers: json(api.keys.bAdmin),
    body: JSON.stringify(serviceInput({ serviceAreas: [{ country: 'BI', province: 'Bujumbura Mairie' }] })),
  });
  const referral = await api.request('POST', '/v1/referrals', {
    headers: json(api.keys.aAdmin),
    body: JSON.stringify({
      to: { serviceId: service.body.id },
      child: { recordId: recordOfA },
      reason: 'Appui psychosocial',
      priority: 'urgent',
      consent: consentFor(['org_beta'], { categories: ['identity', 'sex'], purposes: ['psychosocial'] }),
    }),
  });
  expect(referral.status).toBe(201);
  referralId = referral.body.id;
});
afterAll(() => api.close());

describe('relais fhir export', () => {
  it("prints the caller's records of a person as Patients, with their caregivers, the same as its JSON GET", async () => {
    const bundle = await runFhirExport({
      person: personOfA,
      key: api.keys.aReader,
      url: api.url,
      base: 'https://relais.test/fhir',
    });
    const [patient] = resources<Patient>(bundle, 'Patient');
    const record = (
      await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aReader } })
    ).body;
    const back = patientToRecord(patient!, {
      base: 'https://relais.test/fhir',
      relatedPersons: resources<RelatedPerson>(bundle, 'RelatedPerson'),
    });
    expect(back.recordId).toBe(recordOfA);
    expect(back.person).toEqual(record.person);
    expect(bundle.entry!.find((e) => e.resource!.resourceType === 'Patient')!.request!.url).toBe(
      `Patient?identifier=${encodeURIComponent(`https://relais.test/fhir/sid/record|${recordOfA}`)}`,
    );
  });

  it('prints a referral as the receiver sees it: the child only as consent minimised it', async () => {
    const view = (
      await api.request('GET', `/v1/referrals/${referralId}`, { headers: { 'x-api-key': api.keys.bAdmin } })
    ).body;
    const bundle = await runFhirExport({
      referral: referralId,
      key: api.keys.bAdmin,
      url: api.url,
      base: 'https://relais.test/fhir',
    });
    const [patient] = resources<Patient>(bundle, 'Patient');
    expect(patientToRecord(patient!, { base: 'https://relais.test/fhir' }).person).toEqual(view.child.view);
    expect(view.child.view).toEqual({
      name: { family: 'NDUWIMANA', given: 'Aline', middle: 'Irakoze' },
      sex: 'female',
    });
    const text = JSON.stringify(bundle);
    for (const hidden of ['2015-06', 'Rohero', 'Mukaza', 'Claudine', '+25779123456', 'BJM-2015-0612', recordOfA]) {
      expect(text).not.toContain(hidden);
    }
    expect(resources<{ status: string }>(bundle, 'Task')[0]!.status).toBe('requested');
  });

  it("fails (exit 1 in the CLI) with the API's 404 for a person of another organisation", async () => {
    await expect(
      runFhirExport({ person: personOfA, key: api.keys.bReader, url: api.url, base: 'https://relais.test/fhir' }),
    ).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('404 person-not-found'),
    });
    const run = await relais(['fhir', 'export', '--person', personOfA, '--key', api.keys.bReader, '--url', api.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('prints the Bundle on stdout when run as a command', async () => {
    // A real `node cli/bin.mjs` process: stdout holds the Bundle and nothing else.
    const run = await relaisProcess(['fhir', 'export', '--referral', referralId, '--url', api.url], {
      RELAIS_API_KEY: api.keys.aAdmin,
    });
    expect(run.code).toBe(0);
    const bundle = JSON.parse(run.stdout) as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(resources(bundle, 'ServiceRequest')).toHaveLength(1);
  });

  it('is a usage error (exit 2) to give both --person and --referral, or neither, in English or French', async () => {
    const both = await relais(['fhir', 'export', '--person', 'per_x', '--referral', 'ref_x', '--key', 'k']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one of --person or --referral');
    const neither = await relais(['fhir', 'export', '--key', 'k'], { LANG: 'fr_CD.UTF-8' });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('indiquez soit --person soit --referral');
    const noKey = await relais(['fhir', 'export', '--person', 'per_x']);
    expect(noKey.code).toBe(2);
  });
});
