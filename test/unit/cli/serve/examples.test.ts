import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printExamples } from '../../../../cli/serve/examples.ts';
import { minimalDemo } from '../../../fixtures/demo.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const demo = minimalDemo([
  { label: 'espoir-reader', organisationId: 'org_espoir-kolwezi', roles: ['reader'], token: 'rlk_reader_secret' },
  { label: 'espoir-admin', organisationId: 'org_espoir-kolwezi', roles: ['admin'], token: 'rlk_admin_secret' },
]);

function printed(lang: 'en' | 'fr'): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-examples-'));
  dirs.push(dir);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  printExamples('http://127.0.0.1:3000', dir, demo, lang);
  vi.restoreAllMocks();
  return out;
}

describe('what relais serve prints', () => {
  it.each([
    ['en', 'Admin interface: http://127.0.0.1:3000/admin  (sign in with the Espoir admin key: rlk_admin_secret)'],
    [
      'fr',
      "Interface d'administration : http://127.0.0.1:3000/admin  (connectez-vous avec la clé d'administration d'Espoir : rlk_admin_secret)",
    ],
  ] as const)('names the admin interface and the key to sign in with, in full, in %s', (lang, line) => {
    const lines = printed(lang).split('\n');
    // Right under the line that says where Relais runs.
    expect(lines[lines.findIndex((l) => l.includes('http://127.0.0.1:3000  ')) + 1]).toBe(line);
  });
});
