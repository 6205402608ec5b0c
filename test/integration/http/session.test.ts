import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api?.close());

const session = (key: string, lang = 'en') =>
  api.request('GET', '/v1/session', { headers: { 'x-api-key': key, 'accept-language': lang } });

describe('GET /v1/session: who a key is', () => {
  it('names the organisation and roles of the key, and the sources a source key may push into', async () => {
    const admin = await session(api.keys.aAdmin);
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual({
      organisation: { id: 'org_alpha', name: 'Alpha', kind: 'ngo', country: 'CD' },
      roles: ['admin'],
      keyId: expect.stringMatching(/^[a-z0-9]{8,40}$/),
    });
    const source = await session(api.keys.aSource);
    expect(source.body.sourceIds).toEqual(['src_a-kobo', 'src_a-keyed']);
  });

  it('answers 401 problem+json in the caller’s language for a missing, wrong or revoked key', async () => {
    const missing = await api.request('GET', '/v1/session', { headers: { 'accept-language': 'fr' } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await session('rk_wrong')).status).toBe(401);

    const token = await api.issueKey('org_alpha', ['reader']);
    const { keyId } = (await session(token)).body;
    const revoked = await api.request('DELETE', `/v1/admin/keys/${keyId}`, {
      headers: { 'x-api-key': api.keys.aAdmin },
    });
    expect(revoked.status).toBe(204);
    const after = await session(token, 'fr');
    expect(after.status).toBe(401);
    expect(after.body.title).not.toEqual((await session(token, 'en')).body.title);
  });
});
