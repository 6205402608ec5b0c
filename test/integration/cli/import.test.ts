import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { febrlFile } from '../../../bench/dedup/febrl.ts';
import { runImport } from '../../../cli/commands/import.ts';
import { type LocalApi, startLocalApi } from '../../support/local-api.ts';

const FEBRL = febrlFile('dataset1');

let api: LocalApi;
let sourceId: string;
beforeAll(async () => {
  api = await startLocalApi();
  const created = await api.request('POST', '/v1/admin/sources', {
    headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aAdmin },
    body: JSON.stringify({ name: 'FEBRL extract', tool: 'febrl', auth: { method: 'api-key' } }),
  });
  sourceId = created.body.source.id;
});
afterAll(() => api.close());

describe('relais import', () => {
  it("pushes CSV rows through the API and writes each row's registry person once matched", async () => {
    const [header, ...rows] = readFileSync(FEBRL, 'utf8').trim().split('\n');
    // An original and its duplicate, and 40 other rows.
    const pick = rows.filter((r) => /^rec-(122|223)-/.test(r) || rows.indexOf(r) < 40);
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    writeFileSync(join(dir, 'in.csv'), [header, ...pick].join('\n') + '\n');
    const summary = await runImport({
      source: sourceId,
      input: join(dir, 'in.csv'),
      out: join(dir, 'out.csv'),
      key: api.keys.aAdmin,
      url: api.url,
    });
    expect(summary.rows).toBe(pick.length);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('record_id,person_id');
    expect(lines).toHaveLength(pick.length + 1);
    const personOf = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect(personOf.get('rec-122-dup-0')).toBe(personOf.get('rec-122-org'));
    expect(personOf.get('rec-122-org')).not.toBe(personOf.get('rec-223-org'));
  });

  it("stops with the API's own error when the key may not push", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    writeFileSync(join(dir, 'in.csv'), readFileSync(FEBRL, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
    await expect(
      runImport({
        source: sourceId,
        input: join(dir, 'in.csv'),
        out: join(dir, 'out.csv'),
        key: api.keys.bAdmin,
        url: api.url,
      }),
    ).rejects.toThrow(/404 source-not-found/);
  });
  it('names the refused rows by their CSV line, as a spreadsheet shows them, never by batch index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    const [header, first, second, third] = readFileSync(FEBRL, 'utf8').split('\n');
    // The third data row (line 4 of the file) loses its record id.
    writeFileSync(join(dir, 'in.csv'), [header, first, second, third!.replace(/^[^,]*/, '')].join('\n') + '\n');
    const run = runImport({
      source: sourceId,
      input: join(dir, 'in.csv'),
      out: join(dir, 'out.csv'),
      key: api.keys.aAdmin,
      url: api.url,
    });
    await expect(run).rejects.toMatchObject({ exitCode: 1 });
    const message = await run.catch((e: Error) => e.message);
    expect(message).toContain(`${join(dir, 'in.csv')}, lines 2-4: refused by Relais (422`);
    expect(message).toContain(`${join(dir, 'in.csv')}:4: /rec_id `);
    expect(message).toContain('as a spreadsheet shows them (the header is line 1)');
  });
  it('says when the address answers, but not as Relais does', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    writeFileSync(join(dir, 'in.csv'), readFileSync(FEBRL, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
    try {
      await expect(
        runImport({ source: sourceId, input: join(dir, 'in.csv'), out: join(dir, 'out.csv'), key: 'k', url }),
      ).rejects.toMatchObject({
        exitCode: 1,
        message: `${url} answered 200 with something other than JSON: is it the address of Relais? Check --url or RELAIS_URL.`,
      });
    } finally {
      server.close();
    }
  });
});
