import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { container } from '../../../functions/platform/container.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { serviceInput } from '../../fixtures/services.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const json = (key: string, lang?: string) => ({
  'x-api-key': key,
  'content-type': 'application/json',
  ...(lang ? { 'accept-language': lang } : {}),
});
const create = (body: unknown, key = api.keys.aAdmin) =>
  api.request('POST', '/v1/admin/services', { headers: json(key), body: JSON.stringify(body) });
const search = (query: string, key = api.keys.bReader) =>
  api.request('GET', `/v1/services?${query}`, { headers: { 'x-api-key': key } });
const found = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((s) => s.id);

describe('the service directory over HTTP', () => {
  it('creates a service in the caller’s organisation at version 1, and lists and reads it back', async () => {
    const created = await create(serviceInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organisationId: 'org_alpha', version: 1, status: 'active' });
    expect(created.body.id).toMatch(/^svc_[0-9a-f]{16}$/);
    const read = await api.request('GET', `/v1/admin/services/${created.body.id}`, { headers: json(api.keys.aAdmin) });
    expect(read.body).toEqual(created.body);
    const listed = await api.request('GET', '/v1/admin/services', { headers: json(api.keys.aAdmin) });
    expect(found(listed)).toContain(created.body.id);
  });

  it('updates with the current version, refuses a stale one with 409 service-version-conflict', async () => {
    const { id } = (await create(serviceInput())).body;
    const update = (version: number, overrides = {}) =>
      api.request('PUT', `/v1/admin/services/${id}`, {
        headers: json(api.keys.aAdmin),
        body: JSON.stringify({ ...serviceInput(overrides), version }),
      });
    const updated = await update(1, { capacity: { total: 12, available: 4 } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, capacity: { total: 12, available: 4 } });
    const stale = await update(1, { status: 'defunct' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('service-version-conflict');
    const read = await api.request('GET', `/v1/admin/services/${id}`, { headers: json(api.keys.aAdmin) });
    expect(read.body).toMatchObject({ version: 2, status: 'active' });
  });

  it('deactivates a service, which search then leaves out unless inactive ones are asked for', async () => {
    const { id } = (await create(serviceInput({ type: 'registration' }))).body;
    expect(found(await search('type=registration'))).toContain(id);
    const res = await api.request('POST', `/v1/admin/services/${id}/deactivate`, { headers: json(api.keys.aAdmin) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'inactive', version: 2 });
    expect(found(await search('type=registration'))).not.toContain(id);
    expect(found(await search('type=registration&status=inactive'))).toContain(id);
  });

  it("searches every partner's services by type, area, age and sex", async () => {
    const shelter = (
      await create(
        serviceInput({
          type: 'safehouse',
          name: { fr: 'Maison d’accueil pour filles' },
          eligibility: { minimumAge: 10, maximumAge: 17, sexes: ['female'] },
          serviceAreas: [{ country: 'CD', province: 'Lualaba', territory: 'Kolwezi' }],
        }),
        api.keys.bAdmin,
      )
    ).body.id;
    const province = (await create(serviceInput({ type: 'safehouse' }))).body.id;
    const both = [shelter, province].sort();
    expect(found(await search('type=safehouse')).sort()).toEqual(both);
    expect(found(await search('type=safehouse&country=CD&province=LUALABA&territory=Kolwézi')).sort()).toEqual(both);
    expect(found(await search('type=safehouse&country=CD&province=Lualaba'))).toEqual([province]);
    expect(found(await search('type=safehouse&country=CD&territory=Kolwezi&province=Lualaba&age=8'))).toEqual([
      province,
    ]);
    expect(found(await search('type=safehouse&age=12&sex=male'))).toEqual([province]);
    expect(found(await search('type=safehouse&age=12&sex=female', api.keys.aReader)).sort()).toEqual(both);
  });

  it('pages a search with sealed cursors, each service once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(serviceInput({ type: 'livelihoods' }))).body.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(`type=livelihoods&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...found(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.sort());
    const tampered = await search('type=livelihoods&cursor=v1.abc.def');
    expect(tampered.status).toBe(400);
  });

  it('refuses bad input with 422 and pointers, in French on request', async () => {
    const bad = serviceInput({
      type: 'other',
      eligibility: { minimumAge: 15, maximumAge: 10 },
      serviceAreas: [{}],
      languages: ['fr'],
    });
    const fr = await api.request('POST', '/v1/admin/services', {
      headers: json(api.keys.aAdmin, 'fr'),
      body: JSON.stringify(bad),
    });
    expect(fr.status).toBe(422);
    const byPointer = Object.fromEntries(
      fr.body.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail]),
    );
    expect(Object.keys(byPointer).sort()).toEqual(
      ['/eligibility/maximumAge', '/languages/0', '/serviceAreas/0', '/typeLabel'].sort(),
    );
    expect(byPointer['/typeLabel']).toBe('Nommez le type de service quand type vaut other');
    const en = await api.request('POST', '/v1/admin/services', {
      headers: json(api.keys.aAdmin, 'en'),
      body: JSON.stringify(bad),
    });
    expect(en.body.errors.find((e: { pointer: string }) => e.pointer === '/eligibility/maximumAge').detail).toBe(
      'The maximum age must not be below the minimum age',
    );
    const query = await search('age=old&limit=500');
    expect(query.status).toBe(400);
    expect(query.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/age', '/limit']);
  });

  it("answers 404 to another organisation's administrator updating or deactivating, and changes nothing", async () => {
    const { id } = (await create(serviceInput())).body;
    const update = await api.request('PUT', `/v1/admin/services/${id}`, {
      headers: json(api.keys.bAdmin),
      body: JSON.stringify({ ...serviceInput({ status: 'defunct' }), version: 1 }),
    });
    expect(update.status).toBe(404);
    expect(update.body.code).toBe('service-not-found');
    const missing = await api.request('PUT', '/v1/admin/services/svc_0000000000000000', {
      headers: json(api.keys.bAdmin),
      body: JSON.stringify({ ...serviceInput(), version: 1 }),
    });
    expect({ ...missing.body, instance: undefined }).toEqual({ ...update.body, instance: undefined });
    const deactivate = await api.request('POST', `/v1/admin/services/${id}/deactivate`, {
      headers: json(api.keys.bAdmin),
    });
    expect(deactivate.status).toBe(404);
    const read = await api.request('GET', `/v1/admin/services/${id}`, { headers: json(api.keys.aAdmin) });
    expect(read.body).toMatchObject({ version: 1, status: 'active' });
  });

  it('needs the admin role to write, and audits writes without the focal point', async () => {
    const reader = await create(serviceInput(), api.keys.aReader);
    expect(reader.status).toBe(403);
    const info = vi.spyOn(container().logger, 'info');
    const res = await create(serviceInput({ focalPoint: { role: 'Chargé de protection', phone: '+243815550199' } }));
    expect(res.status).toBe(201);
    expect(info).toHaveBeenCalledWith('audit', expect.objectContaining({ audit: 'createService', status: 201 }));
    expect(JSON.stringify(info.mock.calls)).not.toMatch(/\+243815550199|Chargé de protection/);
    info.mockRestore();
  });
});
