import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
const reader = () => ({ 'x-api-key': api.keys.aReader });

beforeAll(async () => {
  api = await startLocalApi();
  const batch = Array.from({ length: 25 }, (_, i) => canonicalInput({ sourceRecordId: `page-${i}` }));
  await api.request('POST', '/v1/sources/src_a-keyed/records', {
    headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
    body: JSON.stringify(batch),
  });
  await api.signedPost('src_a-signed', JSON.stringify(canonicalInput()));
});
afterAll(() => api.close());

describe('GET /v1/records', () => {
  it('pages through every record of the organisation with an opaque cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.request('GET', `/v1/records?limit=10${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: reader(),
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
  });

  it('filters by source', async () => {
    const res = await api.request('GET', '/v1/records?sourceId=src_a-signed', { headers: reader() });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].provenance.sourceId).toBe('src_a-signed');
  });

  it('returns only records stored after updatedSince', async () => {
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api.signedPost('src_a-signed', JSON.stringify(canonicalInput({ sourceRecordId: 'after-mark' })));
    const res = await api.request('GET', `/v1/records?updatedSince=${encodeURIComponent(mark)}`, { headers: reader() });
    expect(res.body.items.map((r: { provenance: { sourceRecordId: string } }) => r.provenance.sourceRecordId)).toEqual([
      'after-mark',
    ]);
  });

  it('caps limit at 200 and rejects unknown parameters with a pointer', async () => {
    const tooMany = await api.request('GET', '/v1/records?limit=201', { headers: reader() });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].pointer).toBe('/limit');
    const unknown = await api.request('GET', '/v1/records?organisationId=org_beta', { headers: reader() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].pointer).toBe('/organisationId');
  });

  it("refuses a forged cursor and another organisation's cursor", async () => {
    const page = await api.request('GET', '/v1/records?limit=2', { headers: reader() });
    expect(page.body.nextCursor).toBeDefined();
    const other = await api.request('GET', `/v1/records?limit=2&cursor=${page.body.nextCursor}`, {
      headers: { 'x-api-key': api.keys.bReader },
    });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('invalid-cursor');
    const forged = await api.request('GET', '/v1/records?cursor=bm90LWpzb24', { headers: reader() });
    expect(forged.status).toBe(400);
  });
});

describe('GET /v1/records/{id}', () => {
  it('answers 404 for an id of the wrong shape', async () => {
    expect((await api.request('GET', '/v1/records/not-an-id', { headers: reader() })).status).toBe(404);
  });
});
