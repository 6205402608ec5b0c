import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api?.close());

const put = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  api.request('PUT', '/v1/admin/fhir-endpoint', {
    headers: { 'content-type': 'application/json', 'x-api-key': key, ...headers },
    body: JSON.stringify(body),
  });
const get = (key: string) => api.request('GET', '/v1/admin/fhir-endpoint', { headers: { 'x-api-key': key } });

describe('an organisation FHIR endpoint (PUT/GET /v1/admin/fhir-endpoint)', () => {
  it('is null until set, then shown without its token or client secret', async () => {
    expect((await get(api.keys.aAdmin)).body).toEqual({ endpoint: null });
    const set = await put(api.keys.aAdmin, {
      baseUrl: 'http://127.0.0.1:9/fhir/R4',
      auth: {
        kind: 'client-credentials',
        tokenUrl: 'http://127.0.0.1:9/token',
        clientId: 'relais',
        clientSecret: 'very-secret-value',
        scope: 'system/Task.*',
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.endpoint).toMatchObject({
      organisationId: 'org_alpha',
      baseUrl: 'http://127.0.0.1:9/fhir/R4',
      auth: {
        kind: 'client-credentials',
        tokenUrl: 'http://127.0.0.1:9/token',
        clientId: 'relais',
        scope: 'system/Task.*',
      },
    });
    const read = await get(api.keys.aAdmin);
    expect(read.body).toEqual(set.body);
    expect(JSON.stringify(read.body)).not.toContain('very-secret-value');
    await put(api.keys.aAdmin, {
      baseUrl: 'http://127.0.0.1:9/fhir/R4',
      auth: { kind: 'bearer', token: 'tok-secret' },
    });
    expect(JSON.stringify((await get(api.keys.aAdmin)).body)).not.toContain('tok-secret');
  });

  it('refuses endpoints and token URLs the webhook rules refuse (422, with each field), in French too', async () => {
    const res = await put(
      api.keys.bAdmin,
      {
        baseUrl: 'http://10.0.0.7/fhir',
        auth: {
          kind: 'client-credentials',
          tokenUrl: 'https://169.254.169.254/token',
          clientId: 'c',
          clientSecret: 's',
        },
      },
      { 'accept-language': 'fr' },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/baseUrl', 'not-https'],
      ['/auth/tokenUrl', 'private-address'],
    ]);
    expect(res.body.errors[0].detail).toBe("L'URL doit utiliser https.");
    expect((await get(api.keys.bAdmin)).body).toEqual({ endpoint: null });
  });

  it('refuses a body of the wrong shape with the field path, and callers without the admin role', async () => {
    const bad = await put(api.keys.bAdmin, { baseUrl: 'https://fhir.example.org', auth: { kind: 'bearer' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/auth/token']);
    expect((await put(api.keys.bReader, { baseUrl: 'https://x.example.org', auth: { kind: 'none' } })).status).toBe(
      403,
    );
    expect((await get(api.keys.bReader)).status).toBe(403);
  });
});
