import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

const KOBO = join(import.meta.dirname, '../../../adapters/sources/kobotoolbox');
const koboYaml = readFileSync(join(KOBO, 'mapping.yaml'), 'utf8');
const fixture = (name: string) => JSON.parse(readFileSync(join(KOBO, 'fixtures', `${name}.json`), 'utf8'));

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const asAdmin = (extra: Record<string, string> = {}) => ({ 'x-api-key': api.keys.aAdmin, ...extra });
const putYaml = (text: string, extra: Record<string, string> = {}) =>
  api.request('PUT', '/v1/admin/sources/src_a-kobo/mappings', {
    headers: asAdmin({ 'content-type': 'application/yaml', ...extra }),
    body: text,
  });
const pushKobo = (payload: unknown) =>
  api.request('POST', '/v1/sources/src_a-kobo/records', {
    headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
    body: JSON.stringify(payload),
  });

describe('mapping versions of a source', () => {
  it('stores immutable versions, activates one, rolls back, and records keep the version that produced them', async () => {
    const v1 = await putYaml(koboYaml);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ sourceId: 'src_a-kobo', version: 1, active: false });
    // Version 2 also maps the Kobo code "nd" (non déterminé) to unknown sex.
    const v2Yaml = koboYaml.replace('autre: other }', 'autre: other, nd: unknown }');
    expect(v2Yaml).not.toBe(koboYaml);
    const v2 = await putYaml(v2Yaml);
    expect(v2.body.version).toBe(2);
    expect(v2.body.diff.changed).toEqual(['/person/sex']);

    // Until an administrator activates a version, the built-in mapping runs.
    expect(
      (
        await api.request('GET', `/v1/records/${(await pushKobo(fixture('kananga-kabasele'))).body.records[0].id}`, {
          headers: { 'x-api-key': api.keys.aReader },
        })
      ).body.provenance.mappingVersion,
    ).toBe('kobotoolbox-default@1');

    expect(
      (await api.request('POST', '/v1/admin/sources/src_a-kobo/mappings/2/activate', { headers: asAdmin() })).status,
    ).toBe(200);
    const withV2 = await pushKobo(fixture('bukavu-unknown-codes'));
    const recordV2 = (
      await api.request('GET', `/v1/records/${withV2.body.records[0].id}`, {
        headers: { 'x-api-key': api.keys.aReader },
      })
    ).body;
    expect(recordV2.provenance.mappingVersion).toBe('kobotoolbox-default@2');

    expect(
      (await api.request('POST', '/v1/admin/sources/src_a-kobo/mappings/1/activate', { headers: asAdmin() })).status,
    ).toBe(200);
    const withV1 = await pushKobo(fixture('goma-furaha-age-only'));
    const recordV1 = (
      await api.request('GET', `/v1/records/${withV1.body.records[0].id}`, {
        headers: { 'x-api-key': api.keys.aReader },
      })
    ).body;
    expect(recordV1.provenance.mappingVersion).toBe('kobotoolbox-default@1');
    // The record mapped by version 2 keeps it.
    expect(
      (await api.request('GET', `/v1/records/${recordV2.id}`, { headers: { 'x-api-key': api.keys.aReader } })).body
        .provenance.mappingVersion,
    ).toBe('kobotoolbox-default@2');

    const list = await api.request('GET', '/v1/admin/sources/src_a-kobo/mappings', { headers: asAdmin() });
    expect(list.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(
      list.body.items.every(
        (v: { lastActivatedAt?: string; author: string }) => v.lastActivatedAt && v.author.startsWith('key:'),
      ),
    ).toBe(true);

    const detail = await api.request('GET', '/v1/admin/sources/src_a-kobo/mappings/2', { headers: asAdmin() });
    expect(detail.body.mapping.id).toBe('kobotoolbox-default');
  });

  it('refuses to activate a version that does not exist', async () => {
    expect(
      (await api.request('POST', '/v1/admin/sources/src_a-kobo/mappings/99/activate', { headers: asAdmin() })).status,
    ).toBe(404);
  });

  it('refuses an invalid mapping with pointers and lines, in French', async () => {
    const broken = koboYaml.replace(
      'transforms: [{ date: [yyyy-mm-dd, dd/mm/yyyy, mm/yyyy, yyyy] }]',
      'transforms: [{ devine: true }]',
    );
    expect(broken).not.toBe(koboYaml);
    const res = await putYaml(broken, { 'accept-language': 'fr' });
    expect(res.status).toBe(422);
    expect(res.body.title).toBe('Échec de la validation');
    const issue = res.body.errors[0];
    expect(issue.pointer).toMatch(/^\/fields\/~1person~1birthDate\/transforms\/0/);
    expect(issue.line).toBe(koboYaml.split('\n').findIndex((l) => l.includes('transforms: [{ date:')) + 1);
  });

  it('previews a mapping on samples without storing anything', async () => {
    const samples = ['kananga-kabasele', 'bukavu-unknown-codes'].map(fixture);
    const before = (
      await api.request('GET', '/v1/records?sourceId=src_a-kobo', { headers: { 'x-api-key': api.keys.aReader } })
    ).body.items.length;
    const res = await api.request('POST', '/v1/admin/mappings/preview', {
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify({ mapping: koboYaml, samples: [...samples, { ...samples[0], extra_question: 'x' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.samples).toHaveLength(3);
    expect(res.body.samples[0]).toMatchObject({ ok: true, output: { person: { name: { family: 'KABASELE' } } } });
    expect(res.body.samples[2].unmappedSourceFields).toContain('extra_question');
    expect(res.body.coverage.unusedSourceFields.map((f: { path: string }) => f.path)).toContain('extra_question');
    expect(
      (await api.request('GET', '/v1/records?sourceId=src_a-kobo', { headers: { 'x-api-key': api.keys.aReader } })).body
        .items.length,
    ).toBe(before);
  });

  it('checks a mapping alone when given no samples: its errors with their lines, or an empty preview', async () => {
    const preview = (mapping: string) =>
      api.request('POST', '/v1/admin/mappings/preview', {
        headers: asAdmin({ 'content-type': 'application/json' }),
        body: JSON.stringify({ mapping, samples: [] }),
      });
    const good = await preview(koboYaml);
    expect(good.status).toBe(200);
    expect(good.body.samples).toEqual([]);
    expect(good.body.coverage.samples).toBe(0);
    const bad = await preview(koboYaml.replace('from: enfant/sexe', 'form: enfant/sexe'));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].line).toBe(koboYaml.split('\n').findIndex((l) => l.includes('from: enfant/sexe')) + 1);
  });

  it('answers an identical upload with the stored version (200), for scripts that upload and activate on every run', async () => {
    const created = await api.request('POST', '/v1/admin/sources', {
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Kobo, Uvira', tool: 'kobotoolbox', auth: { method: 'api-key' } }),
    });
    const path = `/v1/admin/sources/${created.body.source.id}/mappings`;
    const first = await api.request('PUT', path, {
      headers: asAdmin({ 'content-type': 'application/yaml' }),
      body: koboYaml,
    });
    expect(first.status).toBe(201);
    // The same mapping, sent as JSON this time.
    const parsed = (await api.request('GET', `${path}/1`, { headers: asAdmin() })).body.mapping;
    const again = await api.request('PUT', path, {
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify(parsed),
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const list = await api.request('GET', path, { headers: asAdmin() });
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('lists the built-in mapping as live until a stored version is activated', async () => {
    const created = await api.request('POST', '/v1/admin/sources', {
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Kobo, Fizi', tool: 'kobotoolbox', auth: { method: 'api-key' } }),
    });
    const path = `/v1/admin/sources/${created.body.source.id}/mappings`;
    const before = await api.request('GET', path, { headers: asAdmin() });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      items: [],
      builtin: {
        tool: 'kobotoolbox',
        mappingVersion: 'kobotoolbox-default@1',
        active: true,
        mapping: expect.objectContaining({ id: 'kobotoolbox-default', tool: 'kobotoolbox' }),
      },
    });
    // The built-in document is a mapping the source accepts as its own first version, as it is.
    const asVersion = await api.request('PUT', path, {
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify(before.body.builtin.mapping),
    });
    expect(asVersion.status).toBe(201);
    await api.request('POST', `${path}/1/activate`, { headers: asAdmin() });
    const after = await api.request('GET', path, { headers: asAdmin() });
    expect(after.body.builtin.active).toBe(false);
    expect(after.body.items.map((v: { active: boolean }) => v.active)).toEqual([true]);
  });

  it('gives no built-in document for a canonical source, which takes canonical records as they are', async () => {
    const list = await api.request('GET', '/v1/admin/sources/src_a-keyed/mappings', { headers: asAdmin() });
    expect(list.body.builtin).toEqual({ tool: 'canonical', mappingVersion: expect.any(String), active: true });
  });

  it("keeps another organisation's administrator out (404)", async () => {
    const res = await api.request('GET', '/v1/admin/sources/src_a-kobo/mappings', {
      headers: { 'x-api-key': api.keys.bAdmin },
    });
    expect(res.status).toBe(404);
  });
});
