import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { minimalDemo } from '../../fixtures/demo.ts';
import { relais } from '../../support/cli.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server on a free port answering GET /health with this status and body. */
async function serverAnswering(status: number, body: unknown): Promise<string> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/health' ? status : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/health' ? body : {}));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: one a server just held and released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function demoDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-demo-'));
  const demo = minimalDemo([
    { label: 'espoir-reader', organisationId: 'org_espoir-kolwezi', roles: ['reader'], token: 'rlk_a_b' },
    { label: 'divas-reader', organisationId: 'org_divas-lualaba', roles: ['reader'], token: 'rlk_c_d' },
  ]);

  writeFileSync(join(dir, 'demo.json'), JSON.stringify(demo));
  return dir;
}

describe('relais demo curl', () => {
  it('says Relais is not running, and how to start it, when nothing answers on the port; exit 1', async () => {
    const port = await closedPort();
    const out = await relais(['demo', 'curl', '--port', String(port), '--data-dir', demoDir()]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`Relais is not running at http://127.0.0.1:${port}`);
    expect(out.stderr).toContain('npm start');
    expect(out.stdout + out.stderr).not.toContain('Relais is running');
  });

  it('does not take another server for Relais', async () => {
    const url = await serverAnswering(200, { hello: 'world' });
    const out = await relais(['demo', 'curl', '--url', url, '--data-dir', demoDir()]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Relais is not running at ${url}`);
  });

  it('prints a signed example once /health answers as Relais does, in French with LANG=fr_CD.UTF-8', async () => {
    const url = await serverAnswering(200, { status: 'ok', version: '0.1.0' });
    const out = await relais(['demo', 'curl', '--url', url, '--data-dir', demoDir()], { LANG: 'fr_CD.UTF-8' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Relais est lancé à ${url}`);
    expect(out.stdout).toContain(`curl -i -X POST ${url}/v1/sources/src_0123456789abcdef/records`);
    expect(out.stdout).toMatch(/webhook-signature: v1,/);
  });
});
