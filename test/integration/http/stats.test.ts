import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relais } from '../../support/cli.ts';
import { tableEntries, exposedEntries } from '../../../core/stats/suppression.ts';
import { ORG_A, ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { consentFor } from '../../fixtures/referrals/referrals.ts';
import { serviceInput } from '../../fixtures/services.ts';

/**
 * GET /v1/stats end to end: records go in through ingestion (canonical, and a Primero source), the matcher
 * and the statistics queue run, and every cell is checked against counts made by hand. Q1 2026:
 * - Jean, a boy of 12, is registered by Alpha, Beta and Gamma: one child;
 * - Alpha: five girls of 12 to 17, a girl known only by an age (3), and a Primero girl of 14 whose case
 *   says nothing of reporting consent (Primero asks it): not counted;
 * - Beta: four boys of 12 to 17 and a boy known only by an age (8);
 * - a girl registered by Alpha in April is outside the quarter.
 */
const ORG_C = 'org_gamma';
let api: LocalApi;
let gammaSource: string;
let gammaReader: string;
let primeroSource: string;
const jeanRecords: Record<string, string> = {};
let referralId: string;

const families = [
  'MUTOMBO',
  'NDAYE',
  'KALALA',
  'ILUNGA',
  'MBUYI',
  'KAPINGA',
  'TSHIBANDA',
  'NGALULA',
  'MWAMBA',
  'KASONGO',
];
const givens = ['Aline', 'Bijou', 'Chantal', 'Dorcas', 'Esther', 'Fiston', 'Gédéon', 'Héritier', 'Israël', 'Jonas'];
let serial = 0;
function child(person: Record<string, unknown>, registrationDate: string, extra: Record<string, unknown> = {}) {
  serial++;
  return {
    sourceRecordId: `stats-${serial}`,
    sourceUpdatedAt: '2026-03-01T10:00:00Z',
    person: {
      name: { family: families[serial % families.length], given: `${givens[serial % givens.length]}${serial}` },
      caregivers: [
        {
          relationship: 'mother',
          name: { given: 'Mama', family: `X${serial}` },
          phone: `+2438100000${String(serial).padStart(2, '0')}`,
        },
      ],
      location: { country: 'CD', province: 'Ituri', territory: 'Djugu' },
      ...person,
    },
    case: { status: 'open', registrationDate, protectionConcerns: ['separated'], ...extra },
  };
}
const jean = (registrationDate: string, given = 'Jean') => ({
  sourceRecordId: `jean-${registrationDate}`,
  sourceUpdatedAt: '2026-03-01T10:00:00Z',
  person: {
    name: { family: 'KABASELE', middle: 'TSHIMANGA', given },
    sex: 'male',
    birthDate: { value: '2014-03-02', precision: 'exact' },
    caregivers: [{ relationship: 'mother', name: { given: 'Neema', family: 'KABASELE' }, phone: '+243812345678' }],
    location: { country: 'CD', province: 'Ituri', territory: 'Djugu' },
  },
  case: { status: 'open', registrationDate, protectionConcerns: ['worst_forms_of_child_labor'] },
});
const born = (value: string) => ({ birthDate: { value, precision: 'exact' } });

async function push(sourceId: string, key: string, records: unknown[]) {
  const res = await api.request('POST', `/v1/sources/${sourceId}/records`, {
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(records),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await api.runtime.drain();
  return res.body.records as Array<{ id: string }>;
}

const stats = (query: string, key: string, lang = 'en') =>
  api.request('GET', `/v1/stats?${query}`, { headers: { 'x-api-key': key, 'accept-language': lang } });
const Q1 = 'from=2026-01-01&to=2026-03-31';
const counts = (cells: Array<{ count: number | null }>) => cells.map((c) => c.count);

let aSource: string;
let bSource: string;
beforeAll(async () => {
  process.env.RELAIS_STATS_ORGANISATION_VIEWERS = ORG_C;
  api = await startLocalApi();
  const createdAt = '2026-01-01T00:00:00.000Z';
  await api.directory.createOrganisation({ id: ORG_C, name: 'Gamma', kind: 'ngo', country: 'CD' });
  for (const [id, organisationId, tool] of [
    ['src_c-keyed', ORG_C, 'canonical'],
    ['src_a-primero', ORG_A, 'primero'],
  ] as const)
    await api.directory.createSource({ id, organisationId, name: id, tool, auth: { method: 'api-key' }, createdAt });
  gammaSource = await api.issueKey(ORG_C, ['source'], ['src_c-keyed']);
  gammaReader = await api.issueKey(ORG_C, ['reader']);
  primeroSource = await api.issueKey(ORG_A, ['source'], ['src_a-primero']);
  aSource = api.keys.aSource;
  bSource = await api.issueKey(ORG_B, ['source'], ['src_b-keyed']);

  jeanRecords.a = (await push('src_a-keyed', aSource, [jean('2026-01-15')]))[0]!.id;
  jeanRecords.b = (await push('src_b-keyed', bSource, [jean('2026-02-10', 'Jean Tshimanga')]))[0]!.id;
  jeanRecords.c = (await push('src_c-keyed', gammaSource, [jean('2026-03-05')]))[0]!.id;
  await push('src_a-keyed', aSource, [
    child({ sex: 'female', ...born('2010-05-01') }, '2026-02-01'),
    child({ sex: 'female', ...born('2011-06-02') }, '2026-02-02'),
    child({ sex: 'female', ...born('2012-07-03') }, '2026-02-03'),
    child({ sex: 'female', ...born('2013-01-04') }, '2026-02-04'),
    child({ sex: 'female', ...born('2009-04-05') }, '2026-02-05'),
    child({ sex: 'female', ageAtRegistration: { years: 3, asOf: '2026-02-06' } }, '2026-02-06'),
    child({ sex: 'female', ...born('2012-09-09') }, '2026-04-10'),
  ]);
  await push('src_b-keyed', bSource, [
    child({ sex: 'male', ...born('2010-02-11') }, '2026-03-01'),
    child({ sex: 'male', ...born('2011-03-12') }, '2026-03-02'),
    child({ sex: 'male', ...born('2012-04-13') }, '2026-03-03'),
    child({ sex: 'male', ...born('2013-05-14') }, '2026-03-04'),
    child({ sex: 'male', ageAtRegistration: { years: 8, asOf: '2026-01-20' } }, '2026-01-20'),
  ]);
  // A Primero case as its API sends it, without the answer to its reporting-consent question.
  await push('src_a-primero', primeroSource, [
    {
      data: {
        id: 'primero-stats-1',
        name_first: 'Grâce',
        name_last: 'BISIMWA',
        sex: 'female',
        date_of_birth: '2011-11-03',
        registration_date: '2026-02-20',
        status: 'open',
        protection_concerns: ['street_child'],
        consent_for_services: true,
        last_updated_at: '2026-02-21T10:22:33.511Z',
      },
    },
  ]);
}, 120_000);
afterAll(async () => {
  delete process.env.RELAIS_STATS_ORGANISATION_VIEWERS;
  await api?.close();
});

describe('GET /v1/stats: distinct children, own and across organisations', () => {
  it('counts Jean once across three organisations, every cell across organisations by sex', async () => {
    const res = await stats(`${Q1}&by=sex&view=all`, api.keys.aReader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.values).toEqual([['female', 'male', 'other', 'unknown']]);
    expect(res.body.cells).toEqual([{ count: 6 }, { count: 6 }, { count: 0 }, { count: 0 }]);
    expect(res.body.total).toEqual({ count: 12, counts: 'children' });
    expect(res.body.children).toEqual({ count: 12 });
    expect(res.body.k).toBe(5);
  });

  it('hides the small cells across organisations, and what would give them away', async () => {
    const res = await stats(`${Q1}&by=sex,ageBracket&view=all`, api.keys.bReader);
    expect(res.status).toBe(200);
    expect(res.body.values[1]).toEqual(['0-5', '6-11', '12-17', '18+', 'unknown']);
    // female: 1 of 0-5 (known by an age), 5 of 12-17; male: 1 of 6-11 (known by an age), 5 of 12-17.
    const truth = [1, 0, 5, 0, 0, 0, 1, 5, 0, 0, ...Array(10).fill(0)];
    res.body.cells.forEach((c: { count: number | null; suppressed?: string }, i: number) => {
      if (c.count !== null) expect(c.count, `cell ${i}`).toBe(truth[i]);
      else expect(c.suppressed).toMatch(/^(primary|secondary)$/);
    });
    expect(res.body.cells[0]).toEqual({ count: null, suppressed: 'primary' });
    expect(res.body.cells[6]).toEqual({ count: null, suppressed: 'primary' });
    // No hidden entry can be solved from the published ones.
    const { entries, equations } = tableEntries({ values: res.body.values, cells: truth });
    const published = [...res.body.cells, ...res.body.margins.flat(), res.body.total] as Array<{
      count: number | null;
    }>;
    expect(published).toHaveLength(entries.length);
    const hidden = new Set(published.flatMap((p, i) => (p.count === null ? [i] : [])));
    published.forEach((p, i) => p.count !== null && expect(p.count).toBe(entries[i]!.value));
    expect(exposedEntries(equations, hidden)).toEqual([]);
  });

  it("gives each organisation its own exact counts: Alpha's Primero case without reporting consent is not one", async () => {
    const alpha = await stats(`${Q1}&by=sex,ageBracket`, api.keys.aReader);
    expect(alpha.status).toBe(200);
    expect(alpha.body.view).toBe('own');
    expect(alpha.body).not.toHaveProperty('k');
    expect(counts(alpha.body.cells)).toEqual([1, 0, 5, 0, 0, 0, 0, 1, 0, 0, ...Array(10).fill(0)]);
    expect(alpha.body.children).toEqual({ count: 7 });
    const beta = await stats(`${Q1}&by=sex`, api.keys.bReader);
    expect(counts(beta.body.cells)).toEqual([0, 6, 0, 0]);
    const gamma = await stats(`${Q1}&by=sex,ageBracket`, gammaReader);
    expect(counts(gamma.body.cells)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, ...Array(10).fill(0)]);
    expect(gamma.body.cells[7]).toEqual({ count: 1 });
  });

  it('shows the organisation dimension across organisations only to the organisations the deployment lists', async () => {
    const refused = await stats(`${Q1}&by=organisation&view=all`, api.keys.aReader);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/by']);
    const fr = await stats(`${Q1}&by=organisation&view=all`, api.keys.aReader, 'fr');
    expect(fr.body.errors[0].detail).toMatch(/n'est pas ouverte/);
    const allowed = await stats(`${Q1}&by=organisation&view=all`, gammaReader);
    expect(allowed.status).toBe(200);
    expect(allowed.body.values).toEqual([[ORG_A, ORG_B, ORG_C]]);
    // Alpha 7 children, Beta 6, Gamma 1: Gamma's 1 is hidden, and so is what would give it away.
    expect(allowed.body.cells[2]).toEqual({ count: null, suppressed: 'primary' });
    expect(allowed.body.total.counts).toBe('child-values');
    expect(allowed.body.children).toEqual({ count: 12 });
    for (const [i, n] of [7, 6].entries())
      if (allowed.body.cells[i].count !== null) expect(allowed.body.cells[i].count).toBe(n);
  });

  it('keeps a published national table as first published: a record arriving late changes it not, the own view at once', async () => {
    const first = await stats(`${Q1}&by=sex&view=all`, api.keys.aReader);
    await push('src_a-keyed', aSource, [child({ sex: 'female', ...born('2012-02-02') }, '2026-03-15')]);
    const again = await stats(`${Q1}&by=sex&view=all`, gammaReader);
    expect(again.body).toEqual(first.body);
    expect(counts(again.body.cells)).toEqual([6, 6, 0, 0]);
    const own = await stats(`${Q1}&by=sex`, api.keys.aReader);
    expect(counts(own.body.cells)).toEqual([7, 1, 0, 0]);
    // The same dimensions asked in another order are the same publication.
    const a = await stats(`${Q1}&by=ageBracket,sex&view=all`, api.keys.aReader);
    const b = await stats(`${Q1}&by=sex,ageBracket&view=all`, api.keys.aReader);
    expect(a.body.dimensions).toEqual(['sex', 'ageBracket']);
    expect(a.body).toEqual(b.body);
  });

  it('writes CSV with headers and code lists in French or English, one row per cell, suppression marked', async () => {
    const en = await stats(`${Q1}&by=sex&view=all&format=csv`, api.keys.aReader);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(en.body).toBe('Sex,Children,Suppressed\nFemale,6,\nMale,6,\nOther,0,\nUnknown,0,\nTotal,12,\n');
    const fr = await stats(`${Q1}&by=sex,ageBracket&view=all&format=csv`, api.keys.aReader, 'fr');
    const lines = (fr.body as string).trim().split('\n');
    expect(lines[0]).toBe("Sexe,Tranche d'âge,Enfants,Masqué");
    expect(lines[1]).toBe('Féminin,0-5,,primaire (moins de k)');
    expect(lines).toHaveLength(1 + 20 + 1);
  });
});

describe('GET /v1/stats: refusals, as problem+json naming the parameter, in French or English', () => {
  const pointers = (body: { errors: Array<{ pointer: string }> }) => body.errors.map((e) => e.pointer);
  it('refuses a period off the grid across organisations', async () => {
    const en = await stats('from=2026-01-01&to=2026-02-28&view=all', api.keys.aReader);
    expect(en.status).toBe(400);
    expect(pointers(en.body)).toEqual(['/from']);
    expect(en.body.errors[0].detail).toMatch(/whole calendar quarter/);
    const fr = await stats('from=2026-01-01&to=2026-02-28&view=all', api.keys.aReader, 'fr');
    expect(fr.body.errors[0].detail).toMatch(/trimestre civil entier/);
    // The own view counts any window.
    expect((await stats('from=2026-01-01&to=2026-02-28', api.keys.aReader)).status).toBe(200);
  });

  it('refuses a period not over across organisations', async () => {
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3);
    const from = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(now.getUTCFullYear(), q * 3 + 3, 0)).toISOString().slice(0, 10);
    const res = await stats(`from=${from}&to=${to}&view=all`, api.keys.aReader, 'fr');
    expect(res.status).toBe(400);
    expect(pointers(res.body)).toEqual(['/to']);
    expect(res.body.errors[0].detail).toMatch(/période terminée/);
  });

  it('refuses an unknown age set, a malformed one, an unknown dimension and a reversed period', async () => {
    const unknown = await stats(`${Q1}&ageSet=nope`, api.keys.aReader);
    expect(unknown.status).toBe(400);
    expect(pointers(unknown.body)).toEqual(['/ageSet']);
    expect(unknown.body.errors[0].detail).toMatch(/primero, unhcr, unicef/);
    const malformed = await stats(`${Q1}&ageSet=NOPE!`, api.keys.aReader, 'fr');
    expect(malformed.status).toBe(400);
    expect(pointers(malformed.body)).toEqual(['/ageSet']);
    expect(pointers((await stats(`${Q1}&by=colour`, api.keys.aReader)).body)).toEqual(['/by']);
    expect(pointers((await stats('from=2026-03-31&to=2026-01-01', api.keys.aReader)).body)).toEqual(['/from']);
    expect((await stats(`${Q1}`, api.keys.aSource)).status).toBe(403);
  });
});

describe('the projection follows referrals', () => {
  it("counts a referral made for Jean in Alpha's own view, by service", async () => {
    const service = await api.request('POST', '/v1/admin/services', {
      headers: { 'x-api-key': api.keys.bAdmin, 'content-type': 'application/json' },
      body: JSON.stringify(serviceInput({ serviceAreas: [{ country: 'CD', province: 'Ituri' }] })),
    });
    expect(service.status).toBe(201);
    const made = await api.request('POST', '/v1/referrals', {
      headers: { 'x-api-key': api.keys.aAdmin, 'content-type': 'application/json' },
      body: JSON.stringify({
        to: { serviceType: 'psychosocial' },
        child: { recordId: jeanRecords.a },
        reason: 'Soutien psychosocial',
        protectionConcerns: ['worst_forms_of_child_labor'],
        priority: 'urgent',
        consent: consentFor([ORG_B]),
      }),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    referralId = made.body.id;
    await api.runtime.drain();
    const today = new Date().toISOString().slice(0, 10);
    const own = await stats(`from=2026-01-01&to=${today}&by=serviceType`, api.keys.aReader);
    expect(own.status).toBe(200);
    const psychosocial = own.body.values[0].indexOf('psychosocial');
    expect(own.body.cells[psychosocial]).toEqual({ count: 1 });
    expect(own.body.referrals.referrals).toEqual({ count: 1 });
    expect(own.body.referrals['status:requested']).toEqual({ count: 1 });
    // Beta received it: its own view counts the referral too.
    const beta = await stats(`from=2026-01-01&to=${today}`, api.keys.bReader);
    expect(beta.body.referrals.referrals).toEqual({ count: 1 });
  });

  it('counts it cancelled once its consent is revoked', async () => {
    const revoked = await api.request('POST', `/v1/referrals/${referralId}/consent/revoke`, {
      headers: { 'x-api-key': api.keys.aAdmin },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    await api.runtime.drain();
    const today = new Date().toISOString().slice(0, 10);
    const own = await stats(`from=2026-01-01&to=${today}`, api.keys.aReader);
    expect(own.body.referrals['status:cancelled']).toEqual({ count: 1 });
    expect(own.body.referrals['status:requested']).toEqual({ count: 0 });
  });
});

describe('relais stats', () => {
  it('prints the table in the terminal, in the language asked, with what is hidden marked', async () => {
    const run = await relais([
      '--lang',
      'fr',
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--by',
      'sex',
      '--view',
      'all',
      '--key',
      api.keys.aReader,
      '--url',
      api.url,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 6)).toEqual([
      'Sexe      Enfants  Masqué',
      'Féminin         6',
      'Masculin        6',
      'Autre           0',
      'Inconnu         0',
      'Total          12',
    ]);
    expect(run.stdout).toContain('Enfants distincts : 12');
    expect(run.stdout).toContain('de 1 à 4 sont masquées');
  });

  it('writes the CSV the API writes, to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'relais-stats-')), 'q1.csv');
    const args = ['--from', '2026-01-01', '--to', '2026-03-31', '--by', 'sex,ageBracket', '--view', 'all'];
    const run = await relais([
      'stats',
      ...args,
      '--format',
      'csv',
      '--out',
      out,
      '--key',
      api.keys.aReader,
      '--url',
      api.url,
    ]);
    expect(run.code).toBe(0);
    const api_ = await stats(`${Q1}&by=sex,ageBracket&view=all&format=csv`, api.keys.aReader);
    expect(readFileSync(out, 'utf8')).toBe(api_.body);
  });

  it("exits 2 with the API's reason on a refused query, 2 on a bad option, 1 when the key may not read", async () => {
    const offGrid = await relais([
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-28',
      '--view',
      'all',
      '--key',
      api.keys.aReader,
      '--url',
      api.url,
    ]);
    expect(offGrid.code).toBe(2);
    expect(offGrid.stderr).toContain('/from');
    expect(offGrid.stdout).toBe('');
    const badView = await relais([
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--view',
      'everyone',
      '--key',
      'x',
    ]);
    expect(badView.code).toBe(2);
    const sourceKey = await relais([
      'stats',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--key',
      api.keys.aSource,
      '--url',
      api.url,
    ]);
    expect(sourceKey.code).toBe(1);
  });
});

describe('the projection follows the registry', () => {
  it("counts two persons an administrator merges as one child, once the merge's refreshes ran", async () => {
    const [x, y] = await push('src_a-keyed', aSource, [
      child({ sex: 'male', ...born('2015-05-05') }, '2026-01-05'),
      child({ sex: 'male', ...born('2016-06-06') }, '2026-01-06'),
    ]);
    const personOf = async (id: string) =>
      (await api.request('GET', `/v1/records/${id}`, { headers: { 'x-api-key': api.keys.aReader } })).body.personId;
    const [px, py] = [await personOf(x!.id), await personOf(y!.id)];
    expect(px).not.toBe(py);
    const before = (await stats(Q1, api.keys.aReader)).body.children.count;
    const merged = await api.request('POST', `/v1/admin/persons/${px}/merge`, {
      headers: { 'x-api-key': api.keys.aAdmin, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: py, reason: 'same child, two registrations' }),
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await api.runtime.drain();
    expect((await stats(Q1, api.keys.aReader)).body.children.count).toBe(before - 1);
  });
});
