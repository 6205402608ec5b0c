import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const kobo = 'adapters/sources/kobotoolbox';

async function relais(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['cli/bin.mjs', 'mappings', ...args], {
      cwd: root,
      env: { ...process.env, LANG: 'C' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
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
});
