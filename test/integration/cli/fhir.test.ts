import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import { relais } from '../../support/cli.ts';
import { startFhirServer, type FhirServer } from '../../support/fhir-server.ts';
import { referralBundle } from '../../support/fhir-bundles.ts';

const servers: FhirServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const LOOPBACK = { RELAIS_ALLOW_HTTP_LOOPBACK: '1' };

function bundleFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-fhir-'));
  const file = join(dir, 'bundle.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('relais fhir push and pull', () => {
  it('pushes a transaction Bundle twice, creating each resource once, and pulls the Tasks back page by page', async () => {
    const fhir = await startFhirServer({ token: 'tok_op' });
    servers.push(fhir);
    const file = bundleFile(referralBundle('per_1', 'ref_cli'));
    const push = ['fhir', 'push', '--endpoint', fhir.baseUrl, '--token', 'tok_op', '--file', file];
    const first = await relais(push, LOOPBACK);
    expect(first).toMatchObject({ code: 0 });
    expect(
      first.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['201', '201', '201']);
    expect(first.stderr).toContain('pushed: 3 entries');
    const second = await relais(push, { ...LOOPBACK, RELAIS_FHIR_TOKEN: 'ignored: --token wins' });
    expect(
      second.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]!.slice(0, 3)),
    ).toEqual(['200', '200', '200']);
    expect((await fhir.repo.search({ resourceType: 'Task' })).entry).toHaveLength(1);

    for (let i = 0; i < 4; i++)
      await fhir.repo.createResource<Task>({ resourceType: 'Task', status: 'draft', intent: 'order' });
    const pull = await relais(['fhir', 'pull', '--endpoint', fhir.baseUrl, '--type', 'Task', '--count', '2'], {
      ...LOOPBACK,
      RELAIS_FHIR_TOKEN: 'tok_op',
    });
    expect(pull.code).toBe(0);
    const lines = pull.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Task);
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((t) => t.id)).size).toBe(5);
    expect(pull.stderr).toMatch(/5 resources in 3 pages; next: --since \S+/);
    const since = /--since (\S+)/.exec(pull.stderr)![1]!;
    const resumed = await relais(
      ['fhir', 'pull', '--endpoint', fhir.baseUrl, '--type', 'Task', '--since', since, '--token', 'tok_op'],
      LOOPBACK,
    );
    // From the last time seen, inclusive: what was written in that millisecond comes again, nothing older.
    const again = resumed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Task);
    expect(again.every((t) => t.meta!.lastUpdated === since)).toBe(true);
  });

  it('fails with exit 1 when the server refuses, saying so in French with --lang fr', async () => {
    const fhir = await startFhirServer({ token: 'tok_op' });
    servers.push(fhir);
    const file = bundleFile(referralBundle('per_1', 'ref_cli'));
    const refused = await relais(['fhir', 'push', '--endpoint', fhir.baseUrl, '--file', file], LOOPBACK);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('(HTTP 401)');
    const fr = await relais(['--lang', 'fr', 'fhir', 'pull', '--endpoint', fhir.baseUrl, '--type', 'Task'], LOOPBACK);
    expect(fr.code).toBe(1);
    expect(fr.stderr).toContain("le serveur FHIR n'a pas répondu comme demandé (HTTP 401)");
  });

  it('holds the endpoint to the outbound URL rules: plain http needs the local runtime setting', async () => {
    const fhir = await startFhirServer();
    servers.push(fhir);
    const out = await relais(['fhir', 'pull', '--endpoint', fhir.baseUrl, '--type', 'Task']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('(refused-address)');
    expect(fhir.requests).toEqual([]);
  });

  it.each([
    [['fhir', 'push', '--endpoint', 'https://fhir.example.org/R4'], /required option '--file <file>' not specified/],
    [
      ['fhir', 'pull', '--endpoint', 'https://fhir.example.org/R4', '--type', 'Task', '--since', 'yesterday'],
      /--since yesterday/,
    ],
    [['fhir', 'pull', '--endpoint', 'https://fhir.example.org/R4', '--type', 'task'], /--type task/],
    [['fhir', 'pull', '--endpoint', 'https://fhir.example.org/R4', '--type', 'Task', '--count', '0'], /--count 0/],
    [['fhir', 'pull', '--type', 'Task'], /required option '--endpoint <url>' not specified/],
    [['fhir', 'push', '--endpoint', 'https://fhir.example.org/R4', '--file', 'no/such/bundle.json'], /no such file/],
  ])('%j is a usage error (exit 2) and sends nothing', async (args, message) => {
    const out = await relais(args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it('refuses a file that is not a transaction Bundle as a usage error', async () => {
    const file = bundleFile({ resourceType: 'Bundle', type: 'collection', entry: [] });
    const out = await relais(['fhir', 'push', '--endpoint', 'https://fhir.example.org/R4', '--file', file]);
    expect(out).toMatchObject({ code: 2 });
    expect(out.stderr).toContain('not a FHIR transaction Bundle');
  });
});
