import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../../schemas/api/problem.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { yamlAliasBomb } from '../../fixtures/yaml-alias-bomb.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const admin = (extra: Record<string, string> = {}) => ({ 'x-api-key': api.keys.aAdmin, ...extra });
const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Problem.safeParse(res.body).success).toBe(true);
  expect(res.body.code).toBe(code);
}

const aliasBomb = yamlAliasBomb();

describe('payloads built to exhaust the server', () => {
  it('answers 422 in the caller’s language to a YAML alias bomb uploaded as a mapping', async () => {
    const res = await api.request('PUT', '/v1/admin/sources/src_a-kobo/mappings', {
      headers: admin({ 'content-type': 'application/yaml', 'accept-language': 'fr' }),
      body: aliasBomb,
    });
    expectProblem(res, 422, 'invalid-document');
    expect(res.body.errors).toMatchObject([{ code: 'mapping.limit.aliases', detail: expect.stringMatching(/alias/) }]);
    expect(res.headers.get('content-language')).toBe('fr');
  });

  it('answers 422 to a mapping nested 10,000 deep, in YAML or JSON', async () => {
    const yaml = await api.request('PUT', '/v1/admin/sources/src_a-kobo/mappings', {
      headers: admin({ 'content-type': 'application/yaml' }),
      body: `fields: ${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    });
    expectProblem(yaml, 422, 'invalid-document');
    expect(yaml.body.errors[0].code).toBe('mapping.limit.depth');
    const json = await api.request('PUT', '/v1/admin/sources/src_a-kobo/mappings', {
      headers: admin({ 'content-type': 'application/json' }),
      body: deep(10_000),
    });
    expectProblem(json, 422, 'nesting-too-deep');
  });

  it('answers 422 with a pointer to a preview sample nested 10,000 deep', async () => {
    const res = await api.request('POST', '/v1/admin/mappings/preview', {
      headers: admin({ 'content-type': 'application/json' }),
      body: `{"mapping":{},"samples":[${deep(10_000)}]}`,
    });
    expectProblem(res, 422, 'nesting-too-deep');
    expect(res.body.errors[0].pointer).toBe('/samples/0' + '/a'.repeat(62));
  });

  it('answers 422 to a pushed record nested 10,000 deep, and stores nothing', async () => {
    const res = await api.request('POST', '/v1/sources/src_a-keyed/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
      body: deep(10_000),
    });
    expectProblem(res, 422, 'nesting-too-deep');
    const listed = await api.request('GET', '/v1/records', { headers: { 'x-api-key': api.keys.aReader } });
    expect(listed.body.items).toEqual([]);
  });
});
