import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

const KOBO = join(import.meta.dirname, '../../../adapters/sources/kobotoolbox');
const kobo = JSON.parse(readFileSync(join(KOBO, 'fixtures', 'kananga-kabasele.json'), 'utf8'));

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('errors never echo submitted values', () => {
  it.each(['en', 'fr'])('a phone number put in a code field is refused without being quoted (%s)', async (lang) => {
    const phone = '+243 812 999 111';
    const res = await api.request('POST', '/v1/sources/src_a-kobo/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource, 'accept-language': lang },
      body: JSON.stringify({ ...kobo, 'protection/niveau_risque': phone }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toMatchObject([{ pointer: '/protection~1niveau_risque', code: 'mapping.map' }]);
    const text = JSON.stringify(res.body);
    for (const fragment of [phone, '812 999', '999 111']) expect(text).not.toContain(fragment);
    expect(res.body.errors[0].detail).toContain('eleve, élevé, moyen, faible');
  });
});
