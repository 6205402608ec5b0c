import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { container } from '../../../functions/platform/container.ts';
import { routes } from '../../../functions/routes.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const admin = (key = api.keys.aAdmin) => ({ 'x-api-key': key, 'content-type': 'application/json' });

describe('administration of an organisation', () => {
  it('registers a signing source, shows its secret once, and the partner can push with it', async () => {
    const created = await api.request('POST', '/v1/admin/sources', {
      headers: admin(),
      body: JSON.stringify({ name: 'New app', tool: 'canonical', auth: { method: 'standard-webhooks' } }),
    });
    expect(created.status).toBe(201);
    expect(created.body.source).toMatchObject({ name: 'New app', organisationId: 'org_alpha' });
    const sourceId = created.body.source.id as string;
    expect(sourceId).toMatch(/^src_[0-9a-f]{16}$/);
    expect(created.body.signingSecret.secret).toMatch(/^whsec_/);
    const pushed = await api.signedPost(sourceId, JSON.stringify(canonicalInput()), {
      secret: created.body.signingSecret.secret,
    });
    expect(pushed.status).toBe(202);
    const listed = await api.request('GET', `/v1/admin/sources/${sourceId}/secrets`, { headers: admin() });
    expect(listed.body.items).toEqual([{ id: created.body.signingSecret.id, createdAt: expect.any(String) }]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  it('draws source ids itself: a chosen id gets the same 422 whether or not another organisation uses it', async () => {
    const withId = (id: string) =>
      api.request('POST', '/v1/admin/sources', {
        headers: admin(),
        body: JSON.stringify({ id, name: 'dup', tool: 'canonical', auth: { method: 'api-key' } }),
      });
    const others = await withId('src_b-keyed');
    const unused = await withId('src_nobody-has-this');
    for (const res of [others, unused]) {
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/id' })]);
    }
    expect({ ...others.body, instance: undefined }).toEqual({ ...unused.body, instance: undefined });
    const twice = await Promise.all(
      [1, 2].map(() =>
        api.request('POST', '/v1/admin/sources', {
          headers: admin(),
          body: JSON.stringify({ name: 'Same name', tool: 'canonical', auth: { method: 'api-key' } }),
        }),
      ),
    );
    expect(twice.map((r) => r.status)).toEqual([201, 201]);
    expect(twice[0]!.body.source.id).not.toBe(twice[1]!.body.source.id);
  });

  it('rotates a secret: add, both verify, remove the old; the last one cannot be removed', async () => {
    const created = await api.request('POST', '/v1/admin/sources', {
      headers: admin(),
      body: JSON.stringify({ name: 'Rotating', tool: 'canonical', auth: { method: 'standard-webhooks' } }),
    });
    const sourceId = created.body.source.id;
    const old = created.body.signingSecret;
    const fresh = (await api.request('POST', `/v1/admin/sources/${sourceId}/secrets`, { headers: admin() })).body;
    expect((await api.signedPost(sourceId, JSON.stringify(canonicalInput()), { secret: old.secret })).status).toBe(202);
    expect((await api.signedPost(sourceId, JSON.stringify(canonicalInput()), { secret: fresh.secret })).status).toBe(
      202,
    );
    expect(
      (await api.request('DELETE', `/v1/admin/sources/${sourceId}/secrets/${old.id}`, { headers: admin() })).status,
    ).toBe(204);
    expect((await api.signedPost(sourceId, JSON.stringify(canonicalInput()), { secret: old.secret })).status).toBe(401);
    const last = await api.request('DELETE', `/v1/admin/sources/${sourceId}/secrets/${fresh.id}`, { headers: admin() });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('last-secret');
  });

  it('issues a key shown once, lists keys without secrets, and revokes at once', async () => {
    const created = await api.request('POST', '/v1/admin/keys', {
      headers: admin(),
      body: JSON.stringify({ roles: ['reader'], label: 'M&E dashboard' }),
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^rlk_/);
    expect((await api.request('GET', '/v1/records', { headers: { 'x-api-key': token } })).status).toBe(200);
    const listed = await api.request('GET', '/v1/admin/keys', { headers: admin() });
    expect(listed.body.items.map((k: { keyId: string }) => k.keyId)).toContain(created.body.key.keyId);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|rlk_/);
    expect((await api.request('DELETE', `/v1/admin/keys/${created.body.key.keyId}`, { headers: admin() })).status).toBe(
      204,
    );
    expect((await api.request('GET', '/v1/records', { headers: { 'x-api-key': token } })).status).toBe(401);
  });

  it('writes an audit line for each change, naming the operation, organisation and key id only', async () => {
    const info = vi.spyOn(container().logger, 'info');
    const res = await api.request('POST', '/v1/admin/keys', {
      headers: admin(),
      body: JSON.stringify({ roles: ['reader'], label: 'Audit check' }),
    });
    expect(res.status).toBe(201);
    const adminKeyId = api.keys.aAdmin.split('_')[1];
    expect(info).toHaveBeenCalledWith('audit', {
      audit: 'createApiKey',
      organisationId: 'org_alpha',
      credential: { kind: 'api-key', keyId: adminKeyId },
      status: 201,
    });
    expect(JSON.stringify(info.mock.calls)).not.toMatch(/rlk_|Audit check/);
    info.mockRestore();
  });

  it("refuses to restrict a key to another organisation's source, pointing at it", async () => {
    const res = await api.request('POST', '/v1/admin/keys', {
      headers: admin(),
      body: JSON.stringify({ roles: ['source'], sourceIds: ['src_a-kobo', 'src_b-keyed'] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/sourceIds/1' })]);
  });

  it('refuses a source key that lists no source (422 at /sourceIds): it would push into every api-key source', async () => {
    for (const body of [{ roles: ['source'] }, { roles: ['source', 'reader'] }, { roles: ['source'], sourceIds: [] }]) {
      const res = await api.request('POST', '/v1/admin/keys', { headers: admin(), body: JSON.stringify(body) });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/sourceIds' })]);
    }
  });

  it('refuses a source key for a signing source, which could never push with it (422 at the item)', async () => {
    const res = await api.request('POST', '/v1/admin/keys', {
      headers: admin(),
      body: JSON.stringify({ roles: ['source'], sourceIds: ['src_a-kobo', 'src_a-signed'] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/sourceIds/1', code: 'signing_source' })]);
    // Another organisation's signing source is unknown, not "signing": nothing is told about it.
    const theirs = await api.request('POST', '/v1/admin/keys', {
      headers: admin(),
      body: JSON.stringify({ roles: ['source'], sourceIds: ['src_b-signed'] }),
    });
    expect(theirs.body.errors).toEqual([expect.objectContaining({ pointer: '/sourceIds/0', code: 'unknown_source' })]);
  });

  it('rejects unknown properties and bad values with pointers', async () => {
    const res = await api.request('POST', '/v1/admin/keys', {
      headers: { ...admin(), 'accept-language': 'fr' },
      body: JSON.stringify({ roles: ['superuser'], organisationId: 'org_beta' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/organisationId', '/roles/0']);
  });
});

describe('admin routes and roles', () => {
  const adminRoutes = routes.filter(
    (r) => r.access.kind === 'api-key' && r.access.roles.length === 1 && r.access.roles[0] === 'admin',
  );

  it('covers every admin route', () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(8);
  });

  for (const route of adminRoutes) {
    it(`${route.operation.operationId} refuses reader and source keys with 403`, async () => {
      const path = route.path
        .replace('{sourceId}', 'src_a-signed')
        .replace('{secretId}', 's1')
        .replace('{keyId}', 'abcdef0123456789');
      for (const key of [api.keys.aReader, api.keys.aSource]) {
        const res = await api.request(route.method.toUpperCase(), path, {
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          ...(route.method === 'post' ? { body: '{}' } : {}),
        });
        expect(res.status).toBe(403);
      }
    });
  }
});
