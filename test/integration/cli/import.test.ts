import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('pushes a CSV with mixed line endings, and an age stated at the received date counts from the receipt', async () => {
    const admin = { 'x-api-key': api.keys.aAdmin };
    const created = await api.request('POST', '/v1/admin/sources', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Registre Ngozi', tool: 'csv', auth: { method: 'api-key' } }),
    });
    const csvSource = created.body.source.id as string;
    const mapping = [
      'id: ngozi-received-age',
      'tool: csv',
      'fields:',
      '  /sourceRecordId: { from: code_enfant, required: true }',
      '  /person/name/family: { from: nom, transforms: [trim, upper] }',
      '  /person/name/given: { from: prenom, transforms: [trim, title] }',
      '  /person/sex: { value: unknown }',
      '  /person/ageAtRegistration: { from: age, transforms: [{ age: { reference: received } }] }',
      '  /person/location/locality: { from: colline, transforms: [trim] }',
      '  /case/status: { value: open }',
    ].join('\n');
    const path = `/v1/admin/sources/${csvSource}/mappings`;
    const put = await api.request('PUT', path, {
      headers: { ...admin, 'content-type': 'application/yaml' },
      body: mapping,
    });
    expect(put.status).toBe(201);
    expect((await api.request('POST', `${path}/1/activate`, { headers: admin })).status).toBe(200);

    const mixed = readFileSync(fileURLToPath(new URL('../../fixtures/csv/mixed-line-endings.csv', import.meta.url)));
    const dir = mkdtempSync(join(tmpdir(), 'relais-import-'));
    // The fixture's row without an id (line 6) is left out: the API would refuse the whole batch for it.
    const lines = mixed.toString('utf8').split(/(?<=\n)/);
    writeFileSync(join(dir, 'in.csv'), lines.filter((l) => !l.startsWith(',')).join(''));
    const before = new Date().toISOString().slice(0, 10);
    const summary = await runImport({
      source: csvSource,
      input: join(dir, 'in.csv'),
      out: join(dir, 'out.csv'),
      key: api.keys.aAdmin,
      url: api.url,
    });
    const after = new Date().toISOString().slice(0, 10);
    expect(summary.rows).toBe(4);
    const records = await api.request('GET', `/v1/records?sourceId=${csvSource}`, { headers: admin });
    const byId = new Map(
      records.body.items.map((r: { provenance: { sourceRecordId: string } }) => [r.provenance.sourceRecordId, r]),
    );
    expect(byId.get('BI-MIX-0002')).toMatchObject({ person: { location: { locality: 'Gatare\n(haut)' } } });
    const received = byId.get('BI-MIX-0003') as {
      person: { ageAtRegistration: { years: number; asOf: string } };
      provenance: { receivedAt: string };
    };
    expect(received.person.ageAtRegistration.years).toBe(11);
    expect(received.person.ageAtRegistration.asOf).toBe(received.provenance.receivedAt.slice(0, 10));
    expect([before, after]).toContain(received.person.ageAtRegistration.asOf);
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
