import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';

/**
 * GET /v1/stats/options tells a client what GET /v1/stats accepts in this deployment, so that a form
 * offers it instead of guessing: here a deployment on months, k 4, its own age set, Beta allowed the
 * organisation dimension across organisations.
 */
let api: LocalApi;
const env = {
  RELAIS_STATS_GRID: 'month',
  RELAIS_STATS_K: '4',
  RELAIS_STATS_AGE_SETS: JSON.stringify({
    school: [
      { min: 6, max: 11 },
      { min: 12, max: 17 },
    ],
  }),
  RELAIS_STATS_ORGANISATION_VIEWERS: ORG_B,
};
beforeAll(async () => {
  Object.assign(process.env, env);
  api = await startLocalApi();
}, 60_000);
afterAll(async () => {
  for (const name of Object.keys(env)) delete process.env[name];
  await api?.close();
});

const options = (key: string, lang = 'en') =>
  api.request('GET', '/v1/stats/options', { headers: { 'x-api-key': key, 'accept-language': lang } });

describe('GET /v1/stats/options', () => {
  it("gives the deployment's grid, threshold, dimension limit and age sets with the values each gives", async () => {
    const res = await options(api.keys.aReader);
    expect(res.status).toBe(200);
    expect([res.body.grid, res.body.k, res.body.maxDimensions, res.body.defaultAgeSet]).toEqual([
      'month',
      4,
      3,
      'primero',
    ]);
    const sets = Object.fromEntries(res.body.ageSets.map((s: any) => [s.name, s.values]));
    expect(sets.primero).toEqual(['0-5', '6-11', '12-17', '18+', 'unknown']);
    expect(sets.school).toEqual(['6-11', '12-17', 'outside', 'unknown']);
    expect(Object.keys(sets).sort()).toEqual(['primero', 'school', 'unhcr', 'unicef']);
  });

  it('opens the organisation dimension across organisations only to an organisation the deployment lists', async () => {
    const alpha = (await options(api.keys.aAdmin)).body.dimensions;
    const beta = (await options(api.keys.bReader)).body.dimensions;
    expect(alpha.own).toContain('organisation');
    expect(alpha.all).not.toContain('organisation');
    expect(alpha.all).toEqual(alpha.own.filter((d: string) => d !== 'organisation'));
    expect(beta.all).toEqual(beta.own);
  });

  it('words the labels in the Accept-Language, as the CSV does', async () => {
    const fr = (await options(api.keys.aReader, 'fr')).body.labels;
    const en = (await options(api.keys.aReader, 'en')).body.labels;
    expect([fr.dimensions.ageBracket, en.dimensions.ageBracket]).toEqual(["Tranche d'âge", 'Age group']);
    expect([fr.values.sex.female, en.values.sex.female]).toEqual(['Féminin', 'Female']);
    expect([fr.values.serviceType.psychosocial, fr.special.unknown, en.special.outside]).toEqual([
      'Psychosocial',
      'Inconnu',
      'Outside the age groups',
    ]);
  });

  it('is for reader and admin keys: a source key is refused', async () => {
    expect((await options(api.keys.aSource)).status).toBe(403);
    expect((await api.request('GET', '/v1/stats/options')).status).toBe(401);
  });
});
