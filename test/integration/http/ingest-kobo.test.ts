import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koboFixture, koboPush } from '../../support/kobo.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

const fixture = koboFixture;

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const push = (body: unknown, headers: Record<string, string> = {}) => koboPush(api, body, headers);

describe('a KoboToolbox REST service pushing submissions', () => {
  it('stores a submission as a canonical record with its mapping version and Kobo ids', async () => {
    const res = await push(fixture('kananga-kabasele'));
    expect(res.status).toBe(202);
    const record = (
      await api.request('GET', `/v1/records/${res.body.records[0].id}`, { headers: { 'x-api-key': api.keys.aReader } })
    ).body;
    expect(record.person.name).toMatchObject({ family: 'KABASELE', middle: 'TSHIMANGA', given: 'Jean' });
    expect(record.person.sex).toBe('male');
    expect(record.provenance).toMatchObject({
      sourceId: 'src_a-kobo',
      sourceRecordId: '5c3b2a40-8d1e-4f6a-9b2c-7e4d1a0f3c58',
      sourceUpdatedAt: '2024-03-05T09:12:44Z',
    });
    expect(record.provenance.mappingVersion).toBe('kobotoolbox-default@1');
  });

  it('treats a retried delivery of the same submission as a no-op', async () => {
    const again = await push(fixture('kananga-kabasele'));
    expect(again.body.records[0].outcome).toBe('unchanged');
  });

  it('accepts a bulk sync of several submissions', async () => {
    const res = await push([fixture('goma-furaha-age-only'), fixture('uvira-niyonzima-refugee')]);
    expect(res.status).toBe(202);
    expect(res.body.records).toHaveLength(2);
  });

  it('keeps the raw code of a value the mapping kept as other', async () => {
    const res = await push(fixture('bukavu-unknown-codes'));
    const record = (
      await api.request('GET', `/v1/records/${res.body.records[0].id}`, { headers: { 'x-api-key': api.keys.aReader } })
    ).body;
    expect(record.person.caregivers[0].relationship).toBe('other');
    expect(record.unmappedCodes).toContainEqual({
      target: expect.stringContaining('relationship'),
      pointer: '/parent~1lien',
      raw: 'voisin',
    });
  });

  it('accepts but does not store a submission the mapping skips (marked not approved in Kobo), answering in payload order', async () => {
    const before = (
      await api.request('GET', '/v1/records?sourceId=src_a-kobo&limit=200', {
        headers: { 'x-api-key': api.keys.aReader },
      })
    ).body.items.length;
    const rejected = {
      ...fixture('goma-furaha-age-only'),
      _uuid: 'b2f0c9e1-0000-4000-8000-00000000beef',
      _validation_status: { uid: 'validation_status_not_approved' },
    };
    const res = await push([rejected, fixture('kananga-kabasele')]);
    expect(res.status).toBe(202);
    expect(res.body.records[0]).toEqual({ index: 0, outcome: 'skipped' });
    expect(res.body.records[1]).toMatchObject({
      sourceRecordId: '5c3b2a40-8d1e-4f6a-9b2c-7e4d1a0f3c58',
      outcome: 'unchanged',
    });
    const after = (
      await api.request('GET', '/v1/records?sourceId=src_a-kobo&limit=200', {
        headers: { 'x-api-key': api.keys.aReader },
      })
    ).body.items.length;
    expect(after).toBe(before);
  });

  it('names the Kobo question, not the canonical field, when a value cannot be mapped', async () => {
    const res = await push(
      { ...fixture('kananga-kabasele'), 'enfant/date_naissance': '31/02/2012' },
      { 'accept-language': 'fr' },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/enfant~1date_naissance');
    expect(res.body.title).toBe('Échec de la validation');
    expect(JSON.stringify(res.body)).not.toContain('31/02/2012');
  });
});
