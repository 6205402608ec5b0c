import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ReferResult, ReferRun } from './partners.ts';
import type { Receipt } from './webhook-receiver.ts';

/** Starts the partners' thread (bench/support/partners.ts) and calls it. */
export async function startPartners() {
  const worker = new Worker(new URL('./partners-thread.mjs', import.meta.url), { execArgv: [] });
  const [ready] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => Promise.reject(error)),
  ])) as [{ ready: true }];
  if (!ready.ready) throw new Error('the partners thread did not start');
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error) call?.reject(new Error(error));
    else call?.resolve(value);
  });
  const call = <T>(method: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });
  return {
    url: () => call<string>('url'),
    useSecret: (secret: string) => call<void>('useSecret', secret),
    refer: (run: ReferRun) => call<ReferResult>('refer', run),
    waitFor: (type: string, count: number, timeoutMs: number) => call<void>('waitFor', type, count, timeoutMs),
    receipts: () => call<Receipt[]>('receipts'),
    refused: () => call<number>('refused'),
    close: async () => {
      await call<void>('close');
      await worker.terminate();
    },
  };
}
