// Runs local-aws-sqs and its journal on a thread of its own (see startLocalSqs): the thread loads the
// TypeScript module through tsx itself, as cli/bin.mjs does, whatever loaded its parent.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { startLocalSqs } = await tsImport('./sqs-server.ts', import.meta.url);
const sqs = await startLocalSqs({ journalDir: workerData.journalDir });
parentPort.postMessage({ endpoint: sqs.endpoint });
parentPort.on('message', async ({ call }) => {
  try {
    parentPort.postMessage({ call, value: await sqs[call]() });
  } catch (error) {
    parentPort.postMessage({ call, error: String(error) });
  }
});
