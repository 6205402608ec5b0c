import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
const reader = () => ({ 'x-api-key': api.keys.aReader });
const admin = () => ({ 'x-api-key': api.keys.aAdmin });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  api = await startLocalApi();
  await api.request('POST', '/v1/sources/src_a-keyed/records', {
    headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
    body: JSON.stringify(Array.from({ length: 5 }, (_, i) => canonicalInput({ sourceRecordId: `cursor-${i}` }))),
  });
});
afterAll(() => api.close());

async function expectInvalidCursor(path: string, headers: Record<string, string>) {
  const res = await api.request('GET', path, { headers });
  expect(res.status, path).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('invalid-cursor');
  expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/cursor']);
}

describe('list cursors are sealed', () => {
  it('GET /v1/records refuses forged store positions with 400, never 500', async () => {
    for (const forged of [
      { organisationId: 'org_alpha' },
      { organisationId: 'org_alpha', changeKey: '2026#x', id: 'rec_x', extra: 'y' },
      { organisationId: 'org_alpha', changeKey: { S: 'x' }, id: 'rec_x' },
    ])
      await expectInvalidCursor(`/v1/records?cursor=${b64(forged)}`, reader());
  });

  it('GET /v1/admin/reviews refuses forged store positions with 400, never 500', async () => {
    for (const forged of [
      { reviewStatus: 'open' },
      { reviewStatus: 'open', pk: 'x', sk: 'y', reviewOrder: 'z', e: '' },
    ])
      await expectInvalidCursor(`/v1/admin/reviews?cursor=${b64(forged)}`, admin());
  });

  it('pages with the cursors it hands out, and refuses them altered or replayed for another query or organisation', async () => {
    const first = await api.request('GET', '/v1/records?limit=2&sourceId=src_a-keyed', { headers: reader() });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toBeDefined();
    const next = await api.request('GET', `/v1/records?limit=2&sourceId=src_a-keyed&cursor=${cursor}`, {
      headers: reader(),
    });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(2);

    const altered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    await expectInvalidCursor(`/v1/records?limit=2&sourceId=src_a-keyed&cursor=${altered}`, reader());
    await expectInvalidCursor(`/v1/records?limit=2&cursor=${cursor}`, reader());
    await expectInvalidCursor(
      `/v1/records?limit=2&sourceId=src_a-keyed&updatedSince=2020-01-01T00:00:00Z&cursor=${cursor}`,
      reader(),
    );
    await expectInvalidCursor(`/v1/records?limit=2&sourceId=src_a-keyed&cursor=${cursor}`, {
      'x-api-key': api.keys.bReader,
    });
    await expectInvalidCursor(`/v1/admin/reviews?cursor=${cursor}`, admin());
  });
});
