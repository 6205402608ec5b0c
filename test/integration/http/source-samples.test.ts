import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinMappingPath } from '../../../adapters/sources/index.ts';
import { koboFixture, koboPush } from '../../support/kobo.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

const fixture = koboFixture;

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const push = (body: unknown) => koboPush(api, body);
const samples = (key: string, sourceId = 'src_a-kobo') =>
  api.request('GET', `/v1/admin/sources/${sourceId}/samples`, { headers: { 'x-api-key': key } });

/** Sampling is best effort and may finish just after the answer: wait for it, briefly. */
async function samplesOnceThere(count: number) {
  let res = await samples(api.keys.aAdmin);
  for (let i = 0; i < 50 && res.body.items?.length < count; i++) {
    await new Promise((r) => setTimeout(r, 50));
    res = await samples(api.keys.aAdmin);
  }
  return res;
}

describe('recent submissions of a source, minimised, for the mapping preview', () => {
  it('keeps a valid and an invalid Kobo submission minimised, newest first, the refusal with its pointers only', async () => {
    expect((await push(fixture('kananga-kabasele'))).status).toBe(202);
    const invalid = { ...fixture('uvira-niyonzima-refugee'), 'protection/niveau_risque': 'Très urgent' };
    const refused = await push(invalid);
    expect(refused.status).toBe(422);

    const res = await samplesOnceThere(2);
    expect(res.status).toBe(200);
    const [rejected, accepted] = res.body.items;
    expect(rejected).toMatchObject({
      sourceId: 'src_a-kobo',
      outcome: 'rejected',
      mappingVersion: 'kobotoolbox-default@1',
      errors: [{ pointer: '/protection~1niveau_risque', code: refused.body.errors[0].code }],
    });
    expect(Object.keys(rejected.errors[0]).sort()).toEqual(['code', 'pointer']);
    expect(rejected.payload['protection/niveau_risque']).toBe('Xxxx xxxxxx');
    expect(rejected.payload['enfant/nom_complet']).toBe('XXXXXXXXX Xxxxx Xxxxxx');
    expect(accepted).toMatchObject({ outcome: 'accepted', mappingVersion: 'kobotoolbox-default@1' });
    expect(Date.parse(rejected.receivedAt)).toBeGreaterThanOrEqual(Date.parse(accepted.receivedAt));
    expect(accepted.payload).toMatchObject({
      _id: 48213307,
      'enfant/sexe': 'garcon',
      'enfant/date_naissance': '2015-01-01',
      'enfant/nom_complet': 'XXXXXXXX XXXXXXXXX Xxxx',
      'parent/telephone': '+000 00 000 0000',
      'protection/preoccupations': 'separe enfant_rue',
    });
    expect(Object.keys(accepted.payload).sort()).toEqual(Object.keys(fixture('kananga-kabasele')).sort());
    const text = JSON.stringify(res.body);
    for (const personal of [
      'KABASELE',
      'Jean',
      'NIYONZIMA',
      'Aline',
      'Pascal',
      '0812 345',
      '+257',
      'KAN/2015',
      'Kananga',
      'Uvira',
    ])
      expect(text).not.toContain(personal);
  });

  it('takes at most one sample per outcome a minute in a process: a second valid push leaves one accepted sample', async () => {
    expect((await push(fixture('goma-furaha-age-only'))).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    const res = await samples(api.keys.aAdmin);
    expect(res.body.items.filter((s: { outcome: string }) => s.outcome === 'accepted')).toHaveLength(1);
  });

  it('previews the built-in mapping on the samples as they are', async () => {
    const items = (await samples(api.keys.aAdmin)).body.items as Array<{ outcome: string; payload: unknown }>;
    const res = await api.request('POST', '/v1/admin/mappings/preview', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aAdmin },
      body: JSON.stringify({
        mapping: readFileSync(builtinMappingPath('kobotoolbox'), 'utf8'),
        samples: items.map((s) => s.payload),
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.samples.map((s: { ok: boolean }) => s.ok)).toEqual(items.map((s) => s.outcome === 'accepted'));
    const accepted = res.body.samples[items.findIndex((s) => s.outcome === 'accepted')];
    expect(accepted.output.person.sex).toBe('male');
    expect(accepted.output.case.protectionConcerns).toEqual(['separated', 'street_child']);
  });

  it('answers 404 to another organisation’s administrator and 403 to a reader, as for any source', async () => {
    const other = await samples(api.keys.bAdmin);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('source-not-found');
    expect((await samples(api.keys.bAdmin, 'src_nowhere')).body.code).toBe('source-not-found');
    expect((await samples(api.keys.aReader)).status).toBe(403);
  });
});
