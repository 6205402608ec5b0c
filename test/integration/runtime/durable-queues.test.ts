import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticChildren } from '../../../bench/ingest/children.ts';
import { createDynamoClients } from '../../../adapters/dynamodb/client.ts';
import { ensureTables } from '../../../adapters/dynamodb/create-tables.ts';
import { DynamoRegistryStore } from '../../../adapters/dynamodb/registry-store.ts';
import { startDynalite } from '../../../adapters/local/dynalite-server.ts';
import { espoirApp } from '../../../cli/serve/demo.ts';
import { demoKey, type ServeProcess, signedHeaders, startServe } from '../../support/serve-process.ts';

/** The demo's signing source (its id is drawn when the demo is first seeded). */
const source = (serve: ServeProcess) => espoirApp(serve.demo).sourceId;

const running: ServeProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const serve of running.splice(0)) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-durable-'));
  dirs.push(dir);
  return join(dir, '.relais');
}

async function serve(dir: string): Promise<ServeProcess> {
  const started = await startServe(dir);
  running.push(started);
  return started;
}

/** Pushes one signed batch; the ids of its records when it was acknowledged (202), else undefined. */
async function push(serve: ServeProcess, batch: unknown[], id: string): Promise<string[] | undefined> {
  const body = JSON.stringify(batch);
  const res = await fetch(`${serve.url}/v1/sources/${source(serve)}/records`, {
    method: 'POST',
    headers: signedHeaders(serve.demo, source(serve), body, id),
    body,
  });
  if (res.status !== 202) return undefined;
  return ((await res.json()) as { records: Array<{ id: string }> }).records.map((r) => r.id);
}

/** Which of `ids` the registry holds a link for, read straight from the data dir while no runtime runs. */
async function matchedOnDisk(dir: string, ids: string[]): Promise<number> {
  const db = await startDynalite({ path: join(dir, 'dynamodb') });
  const dynamo = createDynamoClients({ endpoint: db.endpoint });
  try {
    const tables = await ensureTables(dynamo.client, 'relais-');
    const registry = new DynamoRegistryStore(dynamo.doc, tables.registry);
    let matched = 0;
    for (const id of ids) if (await registry.getLink(id)) matched++;
    return matched;
  } finally {
    dynamo.client.destroy();
    await db.close();
  }
}

/** Waits (bounded) until every record has a personId; returns how many never got one. */
async function waitUntilMatched(serve: ServeProcess, ids: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const reader = demoKey(serve.demo, 'espoir-reader');
  let unmatched = 0;
  for (const id of ids) {
    for (;;) {
      const res = await fetch(`${serve.url}/v1/records/${id}`, { headers: { 'x-api-key': reader } });
      const record = (await res.json()) as { personId?: string };
      if (res.status === 200 && record.personId) break;
      if (Date.now() > deadline) {
        unmatched++;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return unmatched;
}

describe('queued work on disk', () => {
  it('matches every acknowledged record after a kill -9 while the matcher is behind, with nothing sent again', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const children = syntheticChildren(1000, 7, 'kill');
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ids = await push(first, children.slice(i * 100, (i + 1) * 100), `msg_kill-${i}`);
      if (ids) acknowledged.push(...ids);
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged).toHaveLength(1000);
    // The kill found work not done yet: that is what must survive it.
    expect(await matchedOnDisk(dir, acknowledged)).toBeLessThan(acknowledged.length);

    const second = await serve(dir);
    expect(await waitUntilMatched(second, acknowledged, 90_000)).toBe(0);
  }, 150_000);

  it('on SIGTERM, finishes the request in flight, stops, and matches everything acknowledged after a restart', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const children = syntheticChildren(300, 11, 'term');
    const acknowledged: string[] = [];
    for (let i = 0; i < 2; i++)
      acknowledged.push(...((await push(first, children.slice(i * 100, (i + 1) * 100), `msg_term-${i}`)) ?? []));
    expect(acknowledged).toHaveLength(200);

    // A third batch is on its way when the signal comes: its headers are in, its body is not.
    const body = JSON.stringify(children.slice(200));
    const url = new URL(`${first.url}/v1/sources/${source(first)}/records`);
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: signedHeaders(first.demo, source(first), body, 'msg_term-2'),
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, 1000));
      setTimeout(() => {
        first.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(1000)), 200);
      }, 300);
    });
    const answer = await inFlight;
    expect(answer.status).toBe(202);
    acknowledged.push(...(JSON.parse(answer.body) as { records: Array<{ id: string }> }).records.map((r) => r.id));
    expect(await first.exited).toBe(0);

    const second = await serve(dir);
    expect(await waitUntilMatched(second, acknowledged, 60_000)).toBe(0);
  }, 120_000);
});
