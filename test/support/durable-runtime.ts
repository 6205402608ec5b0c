import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables } from '../../adapters/dynamodb/create-tables.ts';
import { DynamoRegistryStore } from '../../adapters/dynamodb/registry-store.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';
import { espoirApp } from '../../cli/serve/demo.ts';
import { demoKey, type ServeProcess, signedHeaders, startServe } from './serve-process.ts';

/**
 * A `relais serve` process on a data dir of its own, killed and its dir removed after each test: for the
 * tests of what survives a stop (durable queues, graceful stop).
 */

/** The demo's signing source (its id is drawn when the demo is first seeded). */
export const source = (serve: ServeProcess) => espoirApp(serve.demo).sourceId;

const running: ServeProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const serve of running.splice(0)) {
    serve.child.kill('SIGKILL');
    await serve.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-durable-'));
  dirs.push(dir);
  return join(dir, '.relais');
}

/**
 * Without the demo data: these tests are about the work they queue themselves, and seeding it (tens of
 * seconds on two busy cores) would only eat into their time.
 */
export async function serve(dir: string): Promise<ServeProcess> {
  const started = await startServe(dir, {}, ['--no-demo-data']);
  running.push(started);
  return started;
}

/** Pushes one signed batch; the ids of its records when it was acknowledged (202), else undefined. */
export async function push(serve: ServeProcess, batch: unknown[], id: string): Promise<string[] | undefined> {
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
export async function matchedOnDisk(dir: string, ids: string[]): Promise<number> {
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
export async function waitUntilMatched(serve: ServeProcess, ids: string[], timeoutMs: number): Promise<number> {
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
