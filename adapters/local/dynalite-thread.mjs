// Runs dynalite on a thread of its own (see startDynalite): plain JavaScript, so that a worker thread
// loads it without the TypeScript loader of its parent (tsx, or vitest's transform).
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  ...(workerData.path ? { path: workerData.path } : {}),
});
server.listen(workerData.port ?? 0, '127.0.0.1');
await once(server, 'listening');
parentPort.postMessage({ port: server.address().port });
parentPort.once('message', () =>
  server.close((error) => parentPort.postMessage({ closed: true, error: error ? String(error) : undefined })),
);
