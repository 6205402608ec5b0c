import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relais as run } from '../../support/cli.ts';

const kobo = 'adapters/sources/kobotoolbox';
const relais = (...args: string[]) => run(['mappings', ...args]);

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'relais-map-')), name);
  writeFileSync(file, text);
  return file;
}

describe('relais mappings (run as a command)', () => {
  it('validate: accepts the built-in Kobo mapping', async () => {
    const out = await relais('validate', `${kobo}/mapping.yaml`);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('"kobotoolbox-default" is valid');
  });

  it('validate: refuses an unknown transform with the file line, in French on request, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-map-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'id: bad-one',
        'tool: csv',
        'fields:',
        '  /sourceRecordId:',
        '    from: id',
        '    transforms: [trim, shout]',
        '  /person/sex: { value: unknown }',
        '  /case/status: { value: open }',
        '',
      ].join('\n'),
    );
    const out = await relais('validate', file, '--lang', 'fr');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${file}:6:`);
    expect(out.stderr).toContain('/fields/~1sourceRecordId/transforms/1');
    expect(out.stderr).toContain('Transformation « shout » inconnue');
  });

  it('preview --json: prints the same outputs and unmapped fields as the preview use case', async () => {
    const out = await relais('preview', `${kobo}/mapping.yaml`, `${kobo}/fixtures/kananga-kabasele.json`, '--json');
    expect(out.code).toBe(0);
    const [sample] = JSON.parse(out.stdout) as Array<{
      ok: boolean;
      output: { person: { name: unknown } };
      unmappedSourceFields: string[];
    }>;
    expect(sample!.ok).toBe(true);
    expect(sample!.output.person.name).toEqual({
      family: 'KABASELE',
      middle: 'TSHIMANGA',
      given: 'Jean',
      nickname: 'Jeannot',
    });
    expect(sample!.unmappedSourceFields).toEqual([]);
  });

  it('preview: prints a table of canonical fields with the source field each came from', async () => {
    const out = await relais('preview', `${kobo}/mapping.yaml`, `${kobo}/fixtures/bukavu-unknown-codes.json`);
    expect(out.stdout).toMatch(/\/person\/name\/family\s+BAHATI\s+\/enfant~1nom_complet/);
    expect(out.stdout).toContain('Kept as "other"');
  });

  it('coverage: lists source fields the CSV samples carry that the mapping never reads', async () => {
    const out = await relais(
      'coverage',
      'adapters/sources/febrl/mapping.yaml',
      'adapters/sources/febrl/fixtures/dataset1-sample.csv',
      '--json',
    );
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as {
      samples: number;
      unusedSourceFields: unknown[];
      unmappedTargets: string[];
    };
    expect(report.samples).toBe(6);
    expect(report.unusedSourceFields).toEqual([]);
    expect(report.unmappedTargets).toContain('/person/phones');
  });
  it('validate: reports every problem in one run, an unknown transform hiding no unknown target, and exits 1', async () => {
    const file = tempFile(
      'bad.yaml',
      [
        'id: bad-one',
        'tool: csv',
        'fields:',
        '  /sourceRecordId: { from: id, transforms: [trim, shout] }',
        '  /person/sex: { value: unknown }',
        '  /person/favouriteColour: { from: couleur }',
        '  /case/status: { value: open }',
        '',
      ].join('\n'),
    );
    const out = await relais('validate', file);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`${file}:4:`);
    expect(out.stderr).toContain('Unknown transform "shout"');
    expect(out.stderr).toContain(`${file}:6:3  /fields/~1person~1favouriteColour`);
    expect(out.stderr).toContain(`relais: ${file}: 2 problems, the mapping is not valid`);
  });

  it('validate: a file that does not exist is a usage error (exit 2) naming the file', async () => {
    const out = await relais('validate', 'no-such-mapping.yaml');
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('relais: no-such-mapping.yaml: no such file\n');
  });

  it('preview: a malformed sample file is named with the line and column of the error, and exits 1', async () => {
    const sample = tempFile('samples.json', '[\n  { "id": "A-1" },\n  { "id": "A-2" nom: "KABASELE" }\n]\n');
    const out = await relais('preview', `${kobo}/mapping.yaml`, sample);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(`relais: ${sample}:3:17: not valid JSON\n`);
    expect(out.stderr).not.toContain('KABASELE');
  });

  it('preview: a sample that fails the mapping is a failed check (exit 1); --json output stays parseable', async () => {
    const sample = tempFile('samples.json', JSON.stringify([{ unrelated: true }]));
    const out = await relais('preview', `${kobo}/mapping.yaml`, sample, '--json');
    expect(out.code).toBe(1);
    const [result] = JSON.parse(out.stdout) as Array<{ ok: boolean }>;
    expect(result!.ok).toBe(false);
    expect(out.stderr).toBe('relais: 1 of 1 sample fail\n');
  });
});
