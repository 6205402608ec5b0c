import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite (a real DynamoDB-API server) in this process: on disk under `path`, or in memory when
 * no path is given. Port 0 picks a free port. Tables become ACTIVE at once.
 *
 * With `thread`, it runs on a worker thread of this process, so its work (request parsing, validation,
 * LevelDB) runs beside the handlers' instead of taking turns with them on one event loop: the local
 * runtime uses a second core the way DynamoDB is another machine. It is the same dynalite, reached the
 * same way, over HTTP; a kill of the process stops it alike.
 */
export async function startDynalite(
  options: { path?: string; port?: number; thread?: boolean } = {},
): Promise<LocalDynamo> {
  if (options.thread) return startOnThread(options);
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err?: Error) => (err ? reject(err) : resolve()))),
  };
}

async function startOnThread(options: { path?: string; port?: number }): Promise<LocalDynamo> {
  const worker = new Worker(new URL('./dynalite-thread.mjs', import.meta.url), {
    workerData: { path: options.path, port: options.port },
    // The thread needs none of the parent's loaders or flags.
    execArgv: [],
  });
  const [started] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([e]) => Promise.reject(e)),
  ])) as [{ port: number }];
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    close: async () => {
      worker.postMessage('close');
      const [closed] = (await once(worker, 'message')) as [{ error?: string }];
      await worker.terminate();
      if (closed.error) throw new Error(closed.error);
    },
  };
}
