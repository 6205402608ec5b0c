import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { febrlFile } from '../../../bench/dedup/febrl.ts';
import { relais, relaisProcess } from '../../support/cli.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'relais-cli-'));

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('relais: usage errors exit 2, on stderr, in the language asked for', () => {
  it('an unknown command, an unknown --lang and a missing argument are usage errors', async () => {
    // In a real process: the exit code is the process's own.
    const unknown = await relaisProcess(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("error: unknown command 'frobnicate'");
    const lang = await relais(['--lang', 'de', 'mappings', 'validate', 'x.yaml']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('Allowed choices are en, fr');
    const missing = await relais(['mappings', 'validate'], { LANG: 'fr_CD.UTF-8' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('erreur : argument obligatoire manquant « file »');
    expect(missing.stderr).toContain('Utilisation : relais mappings validate');
  });

  it('help asked for exits 0 on stdout; --lang fr wins over LANG, and LANGUAGE over LANG', async () => {
    const help = await relais(['match', '--help', '--lang', 'fr']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Utilisation : relais match [options]');
    expect(help.stdout).toContain('le fichier CSV à rapprocher');
    expect(help.stdout).toMatch(/Profils de rapprochement \(--profile\):\n {2}children .*\(par défaut\)\n {2}generic /);
    const unknownProfile = await relais([
      'match',
      '--source',
      'febrl',
      '--input',
      'x.csv',
      '--out',
      'y.csv',
      '--profile',
      'adults',
    ]);
    expect(unknownProfile.code).toBe(2);
    expect(unknownProfile.stderr).toContain('Allowed choices are children, generic');
    const viaLanguage = await relais(['--help'], { LANGUAGE: 'fr_CD:en', LANG: 'en_GB.UTF-8' });
    expect(viaLanguage.stdout).toContain('Commandes :');
    const english = await relais(['--help'], { LANG: 'fr_CD.UTF-8', LC_ALL: 'en_US.UTF-8' });
    expect(english.stdout).toContain('Commands:');
  });

  it('match --source with neither a built-in mapping nor a file says so and lists the built-in mappings', async () => {
    const dir = tempDir();
    const out = await relais([
      'match',
      '--source',
      'foo',
      '--input',
      febrlFile('dataset1'),
      '--out',
      join(dir, 'o.csv'),
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'relais: no built-in mapping and no mapping file is called "foo"; built-in mappings: kobotoolbox, commcare, primero, csv, febrl\n',
    );
    expect(out.stderr).not.toContain('ENOENT');
  });

  it('match --out into a folder that does not exist is a usage error naming the file', async () => {
    const out = join(tempDir(), 'missing', 'o.csv');
    const run = await relais(['match', '--source', 'febrl', '--input', febrlFile('dataset1'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`relais: ${out}: cannot be written (ENOENT)`);
  });

  it('import into an address where nothing answers names the address and what to check, in French', async () => {
    const dir = tempDir();
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    writeFileSync(join(dir, 'in.csv'), readFileSync(febrlFile('dataset1'), 'utf8').split('\n').slice(0, 3).join('\n'));
    const args = ['import', '--source', 's', '--input', join(dir, 'in.csv'), '--out', join(dir, 'o.csv')];
    const out = await relais([...args, '--key', 'rlk_x_y', '--url', url, '--lang', 'fr']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Relais ne répond pas à ${url} (ECONNREFUSED)`);
    expect(out.stderr).toContain('npm start');
    expect(out.stderr).not.toContain('fetch failed');
  });
});

describe('relais match (run as a command)', () => {
  it('prints plain progress lines when stderr is not a terminal, and its summary on stdout', async () => {
    const dir = tempDir();
    const out = await relais([
      'match',
      '--source',
      'febrl',
      '--input',
      febrlFile('dataset1'),
      '--out',
      join(dir, 'o.csv'),
      '--profile',
      'generic',
    ]);
    expect(out.code).toBe(0);
    // FEBRL1 holds 500 persons; the generic profile suits it (its duplicates look like twins).
    expect(out.stdout).toBe('1000 rows, 504 persons, 0 rows that do not map\n');
    expect(out.stderr).not.toContain('\r');
    const lines = out.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) expect(line).toMatch(/^match: \d+\/1000 rows$/);
    expect(lines.at(-1)).toBe('match: 1000/1000 rows');
  });

  it('names the CSV lines, as a spreadsheet numbers them, of rows that do not map; exit 1', async () => {
    const dir = tempDir();
    const header =
      'rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id';
    const row = (id: string) => `${id},amani,kabasele,1,a,b,c,1000,nsw,20100101,1234567`;
    writeFileSync(join(dir, 'in.csv'), [header, row('rec-1-org'), row(''), row('rec-2-org'), ''].join('\n'));
    const out = await relais([
      'match',
      '--source',
      'febrl',
      '--input',
      join(dir, 'in.csv'),
      '--out',
      join(dir, 'o.csv'),
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`relais: ${join(dir, 'in.csv')}: lines that do not map: 3`);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toContain('\nline 3,\n');
  });

  it('reads a CSV whose lines end in CRLF and LF alike, naming the lines of rows that do not map', async () => {
    const dir = tempDir();
    const mixed = fileURLToPath(new URL('../../fixtures/csv/mixed-line-endings.csv', import.meta.url));
    const out = await relais(['match', '--source', 'csv', '--input', mixed, '--out', join(dir, 'o.csv')]);
    expect(out.stdout).toMatch(/^5 rows, \d+ persons, 1 row that do not map\n$/);
    expect(out.stderr).toContain(`relais: ${mixed}: lines that do not map: 6`);
    expect(out.code).toBe(1);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('matches with a mapping file whose ages count from the received date (the start of the run)', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'ages.yaml'),
      [
        'id: ages-received',
        'tool: csv',
        'fields:',
        '  /sourceRecordId: { from: code_enfant, required: true }',
        '  /person/name/family: { from: nom }',
        '  /person/name/given: { from: prenom }',
        '  /person/sex: { value: unknown }',
        '  /person/birthDate:',
        '    from: date_naissance',
        '    transforms: [{ date: [dd/mm/yyyy, yyyy, excel] }]',
        '    otherwise: { from: age, transforms: [{ ageToBirthYear: { reference: received } }] }',
        '  /case/status: { value: open }',
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'in.csv'),
      'code_enfant,nom,prenom,date_naissance,age\nBI-1,NDUWIMANA,Claudine,,11\nBI-2,NDUWIMANA,Claudine,,11\nBI-3,IRAKOZE,Divine,,oops\n',
    );
    const args = ['match', '--source', join(dir, 'ages.yaml'), '--input', join(dir, 'in.csv')];
    const out = await relais([...args, '--out', join(dir, 'o.csv')]);
    expect(out.stdout).toMatch(/^3 rows, [12] persons?, 1 row that do not map\n$/);
    expect(out.stderr).toContain('lines that do not map: 4');
  });

  it('names the file and the line its faulty row starts on when a CSV is not valid, in French too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'code_enfant,nom\r\nBI-1,"KAZI\r\nAmani",x\nBI-2,NEEMA\n');
    const args = ['match', '--source', 'csv', '--input', join(dir, 'bad.csv'), '--out', join(dir, 'o.csv')];
    const en = await relais(args);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(`${join(dir, 'bad.csv')}:2: not valid CSV (CSV_RECORD_INCONSISTENT_COLUMNS)`);
    const fr = await relais(['--lang', 'fr', ...args]);
    expect(fr.stderr).toContain(`${join(dir, 'bad.csv')}:2 : CSV invalide (CSV_RECORD_INCONSISTENT_COLUMNS)`);
  });
});
