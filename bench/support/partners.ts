/**
 * The partners of a benchmark, on a worker thread of their own (bench/support/partners-thread.mjs): the
 * case apps that POST referrals and the receiver's webhook endpoint. They are other machines in
 * production; here they run beside the local runtime instead of taking turns with its handlers on one
 * event loop, so the benchmark measures Relais rather than its clients. Times are epoch milliseconds
 * (performance.timeOrigin + performance.now()), comparable across threads.
 */
import { parentPort } from 'node:worker_threads';
import { startWebhookReceiver } from './webhook-receiver.ts';

export interface ReferRun {
  url: string;
  key: string;
  body: unknown;
  label: string;
  count: number;
  concurrency: number;
}

export interface ReferResult {
  started: number[];
  answered: number[];
  ids: string[];
}

const now = () => performance.timeOrigin + performance.now();

/** Runs `count` tasks with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function refer(run: ReferRun): Promise<ReferResult> {
  const result: ReferResult = { started: [], answered: [], ids: [] };
  const body = JSON.stringify(run.body);
  await pool(run.count, run.concurrency, async (i) => {
    result.started[i] = now();
    const res = await fetch(`${run.url}/v1/referrals`, {
      method: 'POST',
      headers: { 'x-api-key': run.key, 'content-type': 'application/json', 'idempotency-key': `${run.label}-${i}` },
      body,
    });
    const answer = (await res.json()) as { id?: string; code?: string; errors?: unknown };
    result.answered[i] = now();
    if (res.status !== 201)
      throw new Error(`referral ${i} answered ${res.status}: ${JSON.stringify(answer.errors ?? answer.code)}`);
    result.ids[i] = answer.id!;
  });
  return result;
}

export async function servePartners(): Promise<void> {
  const receiver = await startWebhookReceiver({ clock: now });
  const methods = {
    url: () => receiver.url,
    useSecret: (secret: string) => receiver.useSecret(secret),
    refer,
    waitFor: (type: string, count: number, timeoutMs: number) => receiver.waitFor(type, count, timeoutMs),
    receipts: () => receiver.receipts(),
    refused: () => receiver.refused(),
    close: () => receiver.close(),
  } as Record<string, (...args: never[]) => unknown>;
  parentPort!.on('message', async ({ id, method, args }: { id: number; method: string; args: never[] }) => {
    try {
      parentPort!.postMessage({ id, value: await methods[method]!(...args) });
    } catch (error) {
      parentPort!.postMessage({ id, error: String(error) });
    }
  });
  parentPort!.postMessage({ ready: true });
}
