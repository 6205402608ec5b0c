import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrimeroPull } from '../../../cli/commands/primero.ts';
import { recordIdFor } from '../../../core/records/record-id.ts';
import { relais } from '../../support/cli.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { type PrimeroServer, startPrimeroServer } from '../../support/primero-server.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../adapters/sources/primero/fixtures/${name}.json`, import.meta.url), 'utf8'))
    .data as Record<string, unknown> & { id: string };

/** Children who are not the fixtures' (distinct names, sexes and ages), so that each is a person of its own. */
const OTHERS = [
  ['Amani', 'KABILA', 'male', '2014-02-11'],
  ['Neema', 'BAHATI', 'female', '2016-07-30'],
  ['Zawadi', 'LUKUSA', 'female', '2012-12-05'],
  ['Baraka', 'NGOY', 'male', '2010-09-19'],
] as const;

let api: LocalApi;
let primero: PrimeroServer;
let sourceId: string;
let env: NodeJS.ProcessEnv;
const dir = mkdtempSync(join(tmpdir(), 'relais-primero-'));

beforeAll(async () => {
  api = await startLocalApi();
  primero = await startPrimeroServer();
  const created = await api.request('POST', '/v1/admin/sources', {
    headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aAdmin },
    body: JSON.stringify({ name: 'Primero Sud-Kivu', tool: 'primero', auth: { method: 'api-key' } }),
  });
  sourceId = created.body.source.id;
  for (const name of ['bukavu-case', 'goma-unaccompanied-estimated']) {
    const c = fixture(name);
    primero.cases.set(c.id, c);
  }
  OTHERS.forEach(([given, family, sex, dob], i) => {
    const id = `3c0a4e1b-0000-4000-8000-00000000000${i}`;
    primero.cases.set(id, {
      id,
      case_id_display: id.slice(-7),
      status: 'open',
      name_first: given,
      name_last: family,
      sex,
      date_of_birth: dob,
      registration_date: '2025-01-10',
      // Two of them share one instant, as a bulk update in Primero stamps them.
      last_updated_at: i < 2 ? '2025-01-10T09:00:00.000Z' : `2025-01-1${i}T09:00:00.000Z`,
    });
  });
  env = {
    PRIMERO_PASSWORD: primero.password,
    RELAIS_API_KEY: api.keys.aAdmin,
    RELAIS_ALLOW_HTTP_LOOPBACK: '1',
  };
});
afterAll(async () => {
  await primero.close();
  await api.close();
});

const pullOptions = (extra: Record<string, unknown> = {}) => ({
  url: primero.url,
  user: primero.user,
  passwordEnv: 'PRIMERO_PASSWORD',
  relaisUrl: api.url,
  keyEnv: 'RELAIS_API_KEY',
  source: sourceId,
  per: 2,
  cursorFile: join(dir, 'cursor.json'),
  ...extra,
});

async function personOf(recordId: string): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const res = await api.request('GET', `/v1/records/${recordId}`, { headers: { 'x-api-key': api.keys.aReader } });
    expect(res.status).toBe(200);
    if (res.body.personId) return res.body.personId as string;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${recordId} not matched`);
}

describe('relais primero pull', () => {
  it('pulls the pages of Primero cases into the registry, as the Primero source, exactly like pushed records', async () => {
    const run = await relais(
      [
        'primero',
        'pull',
        '--url',
        primero.url,
        '--user',
        primero.user,
        '--password-env',
        'PRIMERO_PASSWORD',
        '--source',
        sourceId,
        '--relais-url',
        api.url,
        '--per',
        '2',
        '--cursor-file',
        join(dir, 'cursor.json'),
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('6 cases pulled, 0 already had; cursor at 2025-01-13T09:00:00.000Z\n');
    const cursor = JSON.parse(readFileSync(join(dir, 'cursor.json'), 'utf8'));
    expect(cursor).toEqual({
      since: '2025-01-13T09:00:00.000Z',
      seen: { '3c0a4e1b-0000-4000-8000-000000000003': '2025-01-13T09:00:00.000Z' },
    });
    // The password went to the tokens endpoint only, never in a URL.
    expect(primero.log.every((l) => !l.query.toString().includes(primero.password))).toBe(true);

    const persons = new Set<string>();
    for (const id of primero.cases.keys()) {
      const recordId = recordIdFor(sourceId, id);
      const res = await api.request('GET', `/v1/records/${recordId}`, { headers: { 'x-api-key': api.keys.aReader } });
      expect(res.status).toBe(200);
      expect(res.body.organisationId).toBe('org_alpha');
      expect(res.body.provenance).toMatchObject({ sourceId, sourceRecordId: id });
      persons.add(await personOf(recordId));
    }
    expect(persons.size).toBe(6);
    const grace = await api.request('GET', `/v1/records/${recordIdFor(sourceId, fixture('bukavu-case').id)}`, {
      headers: { 'x-api-key': api.keys.aReader },
    });
    const golden = JSON.parse(
      readFileSync(new URL('../../../adapters/sources/primero/golden/bukavu-case.json', import.meta.url), 'utf8'),
    );
    expect(grace.body.person).toEqual(golden.person);
    expect(grace.body.case).toEqual(golden.case);

    // The same case pushed by Primero's webhook is the same record, unchanged: one ingestion path.
    const pushed = await api.request('POST', `/v1/sources/${sourceId}/records`, {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aAdmin },
      body: JSON.stringify({ data: fixture('bukavu-case') }),
    });
    expect(pushed.status).toBe(202);
    expect(pushed.body.records).toEqual([
      {
        id: recordIdFor(sourceId, fixture('bukavu-case').id),
        sourceRecordId: fixture('bukavu-case').id,
        outcome: 'unchanged',
      },
    ]);
  });

  it('resumes from the cursor file: nothing again, then the one case updated in Primero since', async () => {
    const idle = await runPrimeroPull(pullOptions(), 'en', env);
    expect(idle).toMatchObject({ pulled: 0, alreadyHad: 1 });
    const amani = primero.cases.get('3c0a4e1b-0000-4000-8000-000000000000')!;
    amani.name_first = 'Amani Jean';
    amani.last_updated_at = '2025-02-01T12:00:00.000Z';
    const next = await runPrimeroPull(pullOptions(), 'en', env);
    expect(next.pulled).toBe(1);
    const record = await api.request('GET', `/v1/records/${recordIdFor(sourceId, String(amani.id))}`, {
      headers: { 'x-api-key': api.keys.aReader },
    });
    expect(record.body.person.name.given).toBe('Amani Jean');
  });

  it('refuses, exit 2, a password on no variable, a page over 1000, --since with a cursor, and a source of another tool', async () => {
    const base = ['primero', 'pull', '--url', primero.url, '--user', primero.user, '--relais-url', api.url];
    const noVar = await relais([...base, '--password-env', 'NOPE', '--source', sourceId], env);
    expect(noVar.code).toBe(2);
    expect(noVar.stderr).toContain('the environment variable NOPE is not set or empty');
    const per = await relais(
      [...base, '--password-env', 'PRIMERO_PASSWORD', '--source', sourceId, '--per', '5000'],
      env,
    );
    expect(per.code).toBe(2);
    expect(per.stderr).toContain('an integer from 1 to 1000');
    const since = await relais(
      [
        ...base,
        '--password-env',
        'PRIMERO_PASSWORD',
        '--source',
        sourceId,
        '--since',
        '2025-01-01T00:00:00Z',
        '--cursor-file',
        join(dir, 'cursor.json'),
      ],
      { ...env, LANG: 'fr_CD.UTF-8' },
    );
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since et le fichier de curseur existant');
    const kobo = await relais([...base, '--password-env', 'PRIMERO_PASSWORD', '--source', 'src_a-kobo'], env);
    expect(kobo.code).toBe(2);
    expect(kobo.stderr).toContain('source src_a-kobo reads kobotoolbox, not primero');
    const plain = await relais([...base, '--password-env', 'PRIMERO_PASSWORD', '--source', sourceId], {
      ...env,
      RELAIS_ALLOW_HTTP_LOOPBACK: '',
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('refused by the outbound rules (not-https)');
    const help = await relais(['primero', 'pull', '--help', '--lang', 'fr']);
    expect(help.stdout).toContain('Tirer les cas modifiés dans Primero vers un Relais en cours');
  });
});

describe('relais primero push', () => {
  it("updates a pulled record's own case; a record whose case id two Primero cases carry is a conflict, exit 1", async () => {
    const id = fixture('goma-unaccompanied-estimated').id;
    const recordId = recordIdFor(sourceId, id);
    const args = [
      'primero',
      'push',
      '--url',
      primero.url,
      '--user',
      primero.user,
      '--password-env',
      'PRIMERO_PASSWORD',
      '--relais-url',
      api.url,
      '--record',
      recordId,
    ];
    const own = await relais([...args, '--pulled-from', sourceId], env);
    expect(own.stderr).toBe('');
    expect(own.stdout).toBe(`${recordId} updated ${id}\n`);
    expect(own.code).toBe(0);

    // Without --pulled-from, the record is found by its case id (case_id_display): twice, once copied.
    const copy = { ...primero.cases.get(id)!, id: '4d000000-0000-4000-8000-000000000009' };
    primero.cases.set(copy.id, copy);
    const conflict = await relais(args, env);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toBe(
      `${recordId} conflict: 2 Primero cases carry its case id (${[id, copy.id].sort().join(', ')}); nothing written\n`,
    );
  });
});
