import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

/**
 * PROPERTIES.md 28: for every route, the organisation comes from the credential, and another
 * organisation's objects answer 404. Each non-public route must have a case here: adding a route
 * without one fails the first test.
 */
let api: LocalApi;
let recordOfA: string;
let personOfA: string;

beforeAll(async () => {
  api = await startLocalApi();
  const res = await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()));
  recordOfA = res.body.records[0].id;
  await api.runtime.drain();
  personOfA = (await api.request('GET', `/v1/records/${recordOfA}`, { headers: { 'x-api-key': api.keys.aReader } }))
    .body.personId;
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
