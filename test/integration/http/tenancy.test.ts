import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { routes } from '../../../functions/routes.ts';
import { recordIdFor } from '../../../core/records/record-id.ts';
import { personIdFor } from '../../../core/registry/ids.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { consentFor } from '../../fixtures/referrals/referrals.ts';

/**
 * Tenant isolation (test/README.md): for every route, the organisation comes from the credential, and another
 * organisation's objects answer 404. Each non-public route must have a case here: adding a route
 * without one fails the first test.
 */
let api: LocalApi;
let recordOfA: string;
let personOfA: string;
let serviceOfA: string;
/** A referral from Alpha to a third organisation, Gamma: Beta is neither side of it. */
let referralOfA: string;
/** The consent form Alpha's referral was made under: Beta may use the same id for a form of its own. */
const CONSENT_OF_A = 'ALPHA-CF-2026-0001';

beforeAll(async () => {
  api = await startLocalApi();
  const res = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()));
  recordOfA = res.body.records[0].id;
  await api.runtime.drain();
  personOfA = (await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aReader } }))
    .body.personId;
  serviceOfA = (
    await api.request('POST', '/v1/admin/services', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aAdmin },
      body: JSON.stringify(serviceInput()),
    })
  ).body.id;
  await api.directory.createOrganisation({ id: 'org_gamma', name: 'Gamma', kind: 'ngo', country: 'CD' });
  const gamma = await api.issueKey('org_gamma', ['admin']);
  const asJson = (key: string) => ({ 'content-type': 'application/json', 'x-api-key': key });
  const gammaService = await api.request('POST', '/v1/admin/services', {
    headers: asJson(gamma),
    body: JSON.stringify(
      serviceInput({ type: 'legal_assistance', serviceAreas: [{ country: 'BI', province: 'Bujumbura Mairie' }] }),
    ),
  });
  const referral = await api.request('POST', '/v1/referrals', {
    headers: asJson(api.keys.aAdmin),
    body: JSON.stringify({
      to: { serviceId: gammaService.body.id },
      child: { recordId: recordOfA },
      reason: 'Assistance juridique',
      priority: 'normal',
      consent: consentFor(['org_gamma'], { purposes: ['legal_assistance'], reference: CONSENT_OF_A }),
    }),
  });
  expect(referral.status).toBe(201);
  referralOfA = referral.body.id;
  await api.request('PUT', '/v1/admin/delivery-channel', {
    headers: asJson(api.keys.aAdmin),
    body: JSON.stringify({ kind: 'webhook', url: 'http://127.0.0.1:9/alpha-hook', events: 'thin' }),
  });
  await api.request('PUT', '/v1/admin/fhir-endpoint', {
    headers: asJson(api.keys.aAdmin),
    body: JSON.stringify({ baseUrl: 'http://127.0.0.1:9/alpha-fhir', auth: { kind: 'bearer', token: 'alpha-token' } }),
  });
  await api.runtime.drain();
  // The referral's event, dead-lettered: Beta may neither see nor redrive it.
  await api.runtime.sqs.send(
    new SendMessageCommand({
      QueueUrl: api.runtime.queues.referralDelivery!.dlqUrl,
      MessageBody: JSON.stringify({
        type: 'referral.event',
        version: 1,
        eventId: `evt_${'a'.repeat(26)}`,
        referralId: referralOfA,
        referralVersion: 1,
        recipientOrganisationId: 'org_gamma',
      }),
      MessageGroupId: referralOfA,
      MessageDeduplicationId: `dead-${referralOfA}`,
    }),
  );
});
afterAll(() => api.close());

type Case = {
  request: () => Promise<{ status: number; body: any }>;
  expectation: (res: { status: number; body: any }) => void;
};

const crossOrgCases: Record<string, Case> = {
  getRecord: {
    request: () => api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  listRecords: {
    request: () =>
      api.request('GET', '/v1/records?sourceId=src_a-signed', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.body.items).toEqual([]),
  },
  createSource: {
    // The new source belongs to the caller's organisation whatever the body says: organisationId is not accepted.
    request: () =>
      api.request('POST', '/v1/admin/sources', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({
          name: 'x',
          tool: 'canonical',
          auth: { method: 'api-key' },
          organisationId: 'org_alpha',
        }),
      }),
    expectation: (res) => expect(res.status).toBe(422),
  },
  listSources: {
    request: () => api.request('GET', '/v1/admin/sources', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) =>
      expect(res.body.items.map((s: { organisationId: string }) => s.organisationId)).not.toContain('org_alpha'),
  },
  addSigningSecret: {
    request: () =>
      api.request('POST', '/v1/admin/sources/src_a-signed/secrets', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  listSigningSecrets: {
    request: () =>
      api.request('GET', '/v1/admin/sources/src_a-signed/secrets', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  removeSigningSecret: {
    request: () =>
      api.request('DELETE', '/v1/admin/sources/src_a-signed/secrets/s1', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  createApiKey: {
    request: () =>
      api.request('POST', '/v1/admin/keys', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ roles: ['source'], sourceIds: ['src_a-signed'] }),
      }),
    expectation: (res) => expect(res.status).toBe(422),
  },
  listApiKeys: {
    request: () => api.request('GET', '/v1/admin/keys', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) =>
      expect(res.body.items.map((k: { organisationId: string }) => k.organisationId)).not.toContain('org_alpha'),
  },
  revokeApiKey: {
    request: async () => {
      const keyOfA = (await api.request('GET', '/v1/admin/keys', { headers: { 'x-api-key': api.keys.aAdmin } })).body
        .items[0].keyId;
      return api.request('DELETE', `/v1/admin/keys/${keyOfA}`, { headers: { 'x-api-key': api.keys.bAdmin } });
    },
    expectation: (res) => expect(res.status).toBe(404),
  },
  createMappingVersion: {
    request: () =>
      api.request('PUT', '/v1/admin/sources/src_a-kobo/mappings', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ id: 'x' }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  listMappingVersions: {
    request: () =>
      api.request('GET', '/v1/admin/sources/src_a-kobo/mappings', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  listSourceSamples: {
    request: () =>
      api.request('GET', '/v1/admin/sources/src_a-kobo/samples', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  getMappingVersion: {
    request: () =>
      api.request('GET', '/v1/admin/sources/src_a-kobo/mappings/1', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  activateMappingVersion: {
    request: () =>
      api.request('POST', '/v1/admin/sources/src_a-kobo/mappings/1/activate', {
        headers: { 'x-api-key': api.keys.bAdmin },
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  previewMapping: {
    // Preview reads nothing stored: it runs only what the caller sends.
    request: () =>
      api.request('POST', '/v1/admin/mappings/preview', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ mapping: { id: 'x' }, samples: [{}] }),
      }),
    expectation: (res) => expect(res.status).toBe(422),
  },
  getPerson: {
    request: () => api.request('GET', `/v1/persons/${personOfA}`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  matchPersons: {
    // A search may find another organisation's child, but never shows its record ids.
    request: () =>
      api.request('POST', '/v1/persons/match', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ person: canonicalInput().person }),
      }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(recordOfA);
    },
  },
  listReviews: {
    request: () => api.request('GET', '/v1/admin/reviews', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(JSON.stringify(res.body)).not.toContain(recordOfA),
  },
  decideReview: {
    request: () =>
      api.request('POST', '/v1/admin/reviews/rev_aaaaaaaaaaaaaaaaaaaaaaaaaa', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ decision: 'same', reason: 'x' }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  mergePerson: {
    request: () =>
      api.request('POST', `/v1/admin/persons/${personOfA}/merge`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ personId: personOfA, reason: 'x' }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  splitPerson: {
    request: () =>
      api.request('POST', `/v1/admin/persons/${personOfA}/split`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ recordIds: [recordOfA], reason: 'x' }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  createService: {
    // The new service belongs to the caller's organisation whatever the body says: organisationId is not accepted.
    request: () =>
      api.request('POST', '/v1/admin/services', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ ...serviceInput(), organisationId: 'org_alpha' }),
      }),
    expectation: (res) => expect(res.status).toBe(422),
  },
  listServices: {
    request: () => api.request('GET', '/v1/admin/services', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(JSON.stringify(res.body)).not.toContain(serviceOfA),
  },
  getService: {
    request: () =>
      api.request('GET', `/v1/admin/services/${serviceOfA}`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  updateService: {
    request: () =>
      api.request('PUT', `/v1/admin/services/${serviceOfA}`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ ...serviceInput(), version: 1 }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  deactivateService: {
    request: () =>
      api.request('POST', `/v1/admin/services/${serviceOfA}/deactivate`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  searchServices: {
    // The directory is public to partners and holds no child data: another organisation finds the service.
    request: () => api.request('GET', '/v1/services?type=psychosocial', { headers: { 'x-api-key': api.keys.bReader } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { id: string }) => s.id)).toContain(serviceOfA);
    },
  },
  createReferral: {
    // A child is referred only from the caller's own record: another organisation's is as good as missing.
    request: () =>
      api.request('POST', '/v1/referrals', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({
          to: { serviceId: serviceOfA },
          child: { recordId: recordOfA },
          reason: 'x',
          priority: 'normal',
          consent: consentFor(['org_alpha'], { purposes: ['psychosocial'] }),
        }),
      }),
    expectation: (res) => {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('record-not-found');
    },
  },
  listReferrals: {
    request: async () => {
      const sent = await api.request('GET', '/v1/referrals?role=sent', { headers: { 'x-api-key': api.keys.bAdmin } });
      const received = await api.request('GET', '/v1/referrals?role=received', {
        headers: { 'x-api-key': api.keys.bAdmin },
      });
      return { status: sent.status, body: [sent.body, received.body] };
    },
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(referralOfA);
    },
  },
  getStats: {
    // Beta's own statistics over a window holding Alpha's child count none of Alpha's records, and name no one.
    request: async () => {
      await api.runtime.drain();
      const today = new Date().toISOString().slice(0, 10);
      return api.request('GET', `/v1/stats?from=2020-01-01&to=${today}&by=sex,organisation`, {
        headers: { 'x-api-key': api.keys.bAdmin },
      });
    },
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.children).toEqual({ count: 0 });
      expect(res.body.referrals.referrals).toEqual({ count: 0 });
      for (const id of [recordOfA, personOfA, 'org_alpha']) expect(JSON.stringify(res.body)).not.toContain(id);
    },
  },
  getSession: {
    // A key says which organisation it is of, and nothing of another's.
    request: () => api.request('GET', '/v1/session', { headers: { 'x-api-key': api.keys.bReader } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.organisation.id).toBe('org_beta');
      expect(res.body.roles).toEqual(['reader']);
      expect(JSON.stringify(res.body)).not.toContain('org_alpha');
    },
  },
  getStatsOptions: {
    // What Beta may ask is the deployment's settings and Beta's own right to name organisations: nothing of Alpha's.
    request: () => api.request('GET', '/v1/stats/options', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.dimensions.all).not.toContain('organisation');
      expect(JSON.stringify(res.body)).not.toContain('org_alpha');
    },
  },
  listChanges: {
    // Alpha's record, its person and Alpha's referral to Gamma are all in feeds by now: none in Beta's.
    request: async () => {
      await api.runtime.drain();
      return api.request('GET', '/v1/changes?limit=200', { headers: { 'x-api-key': api.keys.bAdmin } });
    },
    expectation: (res) => {
      expect(res.status).toBe(200);
      for (const id of [recordOfA, personOfA, referralOfA]) expect(JSON.stringify(res.body)).not.toContain(id);
    },
  },
  readReferralInbox: {
    request: () => api.request('GET', '/v1/referrals/inbox', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(referralOfA);
    },
  },
  getReferral: {
    request: () => api.request('GET', `/v1/referrals/${referralOfA}`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('referral-not-found');
    },
  },
  changeReferralStatus: {
    request: () =>
      api.request('POST', `/v1/referrals/${referralOfA}/status`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ status: 'cancelled', reasonCode: 'other' }),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  revokeReferralConsent: {
    request: () =>
      api.request('POST', `/v1/referrals/${referralOfA}/consent/revoke`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: '{}',
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  revokeConsentRecord: {
    // The consent record is looked up under the caller's organisation: Alpha's form is not Beta's to revoke.
    request: () =>
      api.request('POST', `/v1/consents/${CONSENT_OF_A}/revoke`, {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: '{}',
      }),
    expectation: (res) => {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('consent-record-not-found');
    },
  },
  acknowledgeReferralPurge: {
    request: () =>
      api.request('POST', `/v1/referrals/${referralOfA}/consent/purged`, { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => expect(res.status).toBe(404),
  },
  configureDeliveryChannel: {
    // The channel set is the caller's own whatever the body says.
    request: () =>
      api.request('PUT', '/v1/admin/delivery-channel', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ kind: 'inbox' }),
      }),
    expectation: (res) => expect(res.body.channel.organisationId).toBe('org_beta'),
  },
  getDeliveryChannel: {
    request: () => api.request('GET', '/v1/admin/delivery-channel', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.body.channel.organisationId).toBe('org_beta');
      expect(JSON.stringify(res.body)).not.toContain('alpha-hook');
    },
  },
  configureFhirEndpoint: {
    // The endpoint set is the caller's own whatever the body says.
    request: () =>
      api.request('PUT', '/v1/admin/fhir-endpoint', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ baseUrl: 'http://127.0.0.1:9/beta-fhir', auth: { kind: 'none' } }),
      }),
    expectation: (res) => expect(res.body.endpoint.organisationId).toBe('org_beta'),
  },
  getFhirEndpoint: {
    request: () => api.request('GET', '/v1/admin/fhir-endpoint', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/alpha/);
    },
  },
  pullFhirTaskAnswers: {
    // B's pull reads B's own server (set above, where nothing listens): never A's, whose Tasks it cannot touch.
    request: () => api.request('POST', '/v1/admin/fhir-endpoint/pull', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('fhir-server-unavailable');
      expect(JSON.stringify(res.body)).not.toMatch(/alpha/);
    },
  },
  enableDeliveryChannel: {
    request: () =>
      api.request('POST', '/v1/admin/delivery-channel/enable', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.body.channel.organisationId).toBe('org_beta');
      expect(JSON.stringify(res.body)).not.toContain('alpha-hook');
    },
  },
  listDeadLetters: {
    request: () => api.request('GET', '/v1/admin/dead-letters', { headers: { 'x-api-key': api.keys.bAdmin } }),
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(referralOfA);
    },
  },
  redriveDeadLetters: {
    request: async () => {
      const res = await api.request('POST', '/v1/admin/dead-letters/redrive', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify({ referralIds: [referralOfA] }),
      });
      const left = await api.request('GET', '/v1/admin/dead-letters', { headers: { 'x-api-key': api.keys.aAdmin } });
      return { status: res.status, body: { redriven: res.body.redriven, leftForA: left.body.items } };
    },
    expectation: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.redriven).toEqual([]);
      expect(res.body.leftForA.map((l: { referralId: string }) => l.referralId)).toEqual([referralOfA]);
    },
  },
  ingestRecords: {
    request: () =>
      api.request('POST', '/v1/sources/src_a-keyed/records', {
        headers: { 'content-type': 'application/json', 'x-api-key': api.keys.bAdmin },
        body: JSON.stringify(canonicalInput()),
      }),
    expectation: (res) => expect(res.status).toBe(404),
  },
};

describe('tenant isolation over every route', () => {
  it('has a cross-organisation case for every non-public route', () => {
    const guarded = routes.filter((r) => r.access.kind !== 'public').map((r) => r.operation.operationId);
    expect(Object.keys(crossOrgCases).sort()).toEqual(guarded.sort());
  });

  for (const [operationId, c] of Object.entries(crossOrgCases)) {
    it(`${operationId}: another organisation's object is invisible`, async () => {
      c.expectation(await c.request());
    });
  }

  it('the owner sees what the other organisation cannot', async () => {
    expect(
      (await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aReader } })).status,
    ).toBe(200);
  });

  it('a source key cannot read records (403): reading needs the reader or admin role', async () => {
    const res = await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aSource } });
    expect(res.status).toBe(403);
  });

  it('reading without a key answers 401', async () => {
    expect((await api.request('GET', `/v1/records/${recordOfA}`)).status).toBe(401);
  });
});

/**
 * Persons are shared: two organisations may hold records of one child. A merge, a split or a review
 * decision by one must not tell the other who decided or why (free text such as "the mother says
 * twin"), and events that concern none of its records are not its history at all.
 */
describe('shared persons: the other organisation sees neither who decided nor why', () => {
  const sides = {
    a: { source: 'src_a-signed', admin: () => api.keys.aAdmin },
    b: { source: 'src_b-signed', admin: () => api.keys.bAdmin },
  } as const;
  const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
  let pushed = 0;
  const child = (
    family: string,
    given: string,
    birth: string,
    caregiver?: { given: string; phone: string },
    sourceRecordId = `case-${family}-${given}-${++pushed}`,
  ) => ({
    sourceRecordId,
    sourceUpdatedAt: '2026-03-01T10:00:00Z',
    person: {
      name: { family, middle: 'KALOMBO', given },
      sex: 'female',
      birthDate: { value: birth, precision: 'exact' },
      location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kasulo' },
      ...(caregiver
        ? { caregivers: [{ relationship: 'mother', name: { family, given: caregiver.given }, phone: caregiver.phone }] }
        : {}),
    },
    case: { status: 'open', protectionConcerns: ['separated'] },
  });
  async function push(side: keyof typeof sides, body: unknown): Promise<{ recordId: string; personId: string }> {
    const res = await api.signedPost(sides[side].source, JSON.stringify(body));
    await api.runtime.drain();
    const recordId = res.body.records[0].id;
    const read = await api.request('GET', `/v1/records/${recordId}`, { headers: headers(sides[side].admin()) });
    return { recordId, personId: read.body.personId };
  }
  /**
   * A merge keeps the smaller person id, and a record's first person id follows from its source record id:
   * this picks the source record id whose person sorts on the wanted side of `personId`, so each test knows
   * which person survives instead of leaving it to chance.
   */
  function sourceRecordIdSorting(side: keyof typeof sides, stem: string, wanted: 'before' | 'after', personId: string) {
    for (let n = 0; ; n++) {
      const candidate = `${stem}-${n}`;
      const id = personIdFor(recordIdFor(sides[side].source, candidate));
      if (wanted === 'before' ? id < personId : id > personId) return candidate;
    }
  }

  const directions = [
    {
      actor: 'a',
      observer: 'b',
      names: ['MWAMBA', 'HAKIZIMANA', 'MUTOMBO'],
      born: '2016-07-19',
      phone: '+243815550101',
    },
    {
      actor: 'b',
      observer: 'a',
      names: ['MUKENDI', 'NIYONZIMA', 'KALONJI'],
      born: '2015-01-30',
      phone: '+243825550202',
    },
  ] as const;
  for (const { actor, observer, names, born, phone } of directions) {
    it(`${actor} merges, splits and decides on persons ${observer} holds too: ${observer} sees only that it happened`, async () => {
      const [shared, other, twins] = names;
      const actorKey = sides[actor].admin();
      const observerKey = sides[observer].admin();
      const secret = `mother ${actor} says twin`;

      // One child held by both; another child held by the actor only, merged in and split out again.
      const mine = await push(actor, child(shared, 'Esther', '2014-03-02', { given: 'Neema', phone }));
      const theirs = await push(observer, child(shared, 'Esther', '2014-03-02', { given: 'Neema', phone }));
      expect(theirs.personId).toBe(mine.personId);
      const extraId = sourceRecordIdSorting(actor, `case-${other}`, 'after', mine.personId);
      const extra = await push(actor, child(other, 'Eric', '2009-11-23', undefined, extraId));
      expect(extra.personId > mine.personId).toBe(true);
      const merged = await api.request('POST', `/v1/admin/persons/${mine.personId}/merge`, {
        headers: headers(actorKey),
        body: JSON.stringify({ personId: extra.personId, reason: `${secret} (merge)` }),
      });
      expect(merged.status).toBe(200);
      const split = await api.request('POST', `/v1/admin/persons/${mine.personId}/split`, {
        headers: headers(actorKey),
        body: JSON.stringify({ recordIds: [extra.recordId], reason: `${secret} (split)` }),
      });
      expect(split.status).toBe(201);

      // Twins, one at each organisation: the actor decides "different" with a note.
      const twinOfActor = await push(actor, child(twins, 'Grace', born, { given: 'Pierrette', phone }));
      const twinOfObserver = await push(observer, child(twins, 'Gloire', born, { given: 'Pierrette', phone }));
      expect(twinOfObserver.personId).not.toBe(twinOfActor.personId);
      const open = await api.request('GET', '/v1/admin/reviews', { headers: headers(actorKey) });
      const review = open.body.items.find(
        (r: { personId: string; candidatePersonId: string }) =>
          [r.personId, r.candidatePersonId].sort().join() ===
          [twinOfActor.personId, twinOfObserver.personId].sort().join(),
      );
      expect(review, JSON.stringify({ open: open.body, twinOfActor, twinOfObserver })).toBeDefined();
      const decided = await api.request('POST', `/v1/admin/reviews/${review.id}`, {
        headers: headers(actorKey),
        body: JSON.stringify({ decision: 'different', reason: `${secret} (review)` }),
      });
      expect(decided.status).toBe(200);

      // The actor sees its own decisions in full.
      const actorView = await api.request('GET', `/v1/persons/${mine.personId}`, { headers: headers(actorKey) });
      expect(actorView.body.history.filter((h: { reason?: string }) => h.reason?.startsWith(secret))).toHaveLength(2);

      // The observer: nothing of the merge or split (none of its records moved), nobody named, no note.
      const sharedView = await api.request('GET', `/v1/persons/${mine.personId}`, { headers: headers(observerKey) });
      expect(sharedView.status).toBe(200);
      expect(sharedView.body.history.map((h: { action: string }) => h.action)).not.toContain('merge');
      expect(sharedView.body.history.map((h: { action: string }) => h.action)).not.toContain('split');
      const twinView = await api.request('GET', `/v1/persons/${twinOfObserver.personId}`, {
        headers: headers(observerKey),
      });
      const decision = twinView.body.history.find((h: { action: string }) => h.action === 'review-different');
      expect(decision).toEqual({
        at: expect.any(String),
        action: 'review-different',
        by: 'another-organisation',
        recordIds: [twinOfObserver.recordId],
      });
      const queue = await api.request('GET', '/v1/admin/reviews?status=different', {
        headers: headers(observerKey),
      });
      const seen = queue.body.items.find((r: { id: string }) => r.id === review.id);
      expect(seen).toMatchObject({ status: 'different', decidedBy: 'another-organisation' });
      expect(seen).not.toHaveProperty('reason');
      // The first direction's observer acted in the second: only this test's items must be clean.
      for (const body of [sharedView.body, twinView.body, seen]) {
        expect(JSON.stringify(body)).not.toContain(secret);
        expect(JSON.stringify(body)).not.toContain('key:');
      }
    });

    it(`${actor} merges a person ${observer} holds into a person of its own: ${observer} sees its record moved, not by whom`, async () => {
      const [shared, other] = names;
      const secret = `${actor} merged it because the chief said so`;
      const mine = await push(actor, child(`${shared}A`, 'Aline', '2013-05-04', { given: 'Claire', phone }));
      const theirs = await push(observer, child(`${shared}A`, 'Aline', '2013-05-04', { given: 'Claire', phone }));
      expect(theirs.personId).toBe(mine.personId);
      const survivorId = sourceRecordIdSorting(actor, `case-${other}A`, 'before', mine.personId);
      const survivor = await push(actor, child(`${other}A`, 'Bruno', '2008-02-14', undefined, survivorId));
      expect(survivor.personId < mine.personId).toBe(true);

      const merged = await api.request('POST', `/v1/admin/persons/${mine.personId}/merge`, {
        headers: headers(sides[actor].admin()),
        body: JSON.stringify({ personId: survivor.personId, reason: secret }),
      });
      expect(merged.status).toBe(200);
      expect(merged.body.id).toBe(survivor.personId);

      const record = await api.request('GET', `/v1/records/${theirs.recordId}`, {
        headers: headers(sides[observer].admin()),
      });
      expect(record.body.personId).toBe(survivor.personId);
      const view = await api.request('GET', `/v1/persons/${survivor.personId}`, {
        headers: headers(sides[observer].admin()),
      });
      expect(view.status).toBe(200);
      expect(view.body.history.find((h: { action: string }) => h.action === 'merge')).toEqual({
        at: expect.any(String),
        action: 'merge',
        by: 'another-organisation',
        recordIds: [theirs.recordId],
      });
      expect(JSON.stringify(view.body)).not.toContain(secret);
      expect(JSON.stringify(view.body)).not.toContain(survivor.recordId);
    });
  }
});
