import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { febrlFile } from '../../../bench/dedup/febrl.ts';
import { CliError } from '../../../cli/errors.ts';
import { buildProgram } from '../../../cli/main.ts';

const dataset1 = febrlFile('dataset1');

const linesOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

async function relaisMatch(args: string[]): Promise<string[]> {
  const argv = ['node', 'relais', 'match', ...args, '--lang', 'en'];
  await buildProgram(argv).parseAsync(argv);
  return linesOf(args[args.indexOf('--out') + 1]!);
}

describe('relais match', () => {
  it('writes record_id,person_id for every row, one person per FEBRL original and its duplicates', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'relais-match-')), 'links.csv');
    const lines = await relaisMatch(['--source', 'febrl', '--input', dataset1, '--out', out]);
    expect(lines[0]).toBe('record_id,person_id');
    expect(lines).toHaveLength(1001);
    const personOf = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect(personOf.get('rec-122-dup-0')).toBe(personOf.get('rec-122-org'));
    expect(personOf.get('rec-122-org')).not.toBe(personOf.get('rec-223-org'));
    expect(new Set(personOf.values()).size).toBeLessThan(520);
  });

  it('leaves the person id empty for a row the mapping rejects, named by its CSV line, and fails the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-match-'));
    writeFileSync(
      join(dir, 'in.csv'),
      'rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id\n,amani,kabasele,1,a,b,c,1000,nsw,20100101,1234567\n',
    );
    const run = relaisMatch(['--source', 'febrl', '--input', join(dir, 'in.csv'), '--out', join(dir, 'out.csv')]);
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringContaining('lines that do not map: 2'),
    });
    expect(linesOf(join(dir, 'out.csv'))).toEqual(['record_id,person_id', 'line 2,']);
  });
});
