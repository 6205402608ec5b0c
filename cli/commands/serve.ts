import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { type Demo, demoRecord, seedDemo, signedCurl } from '../serve/demo.ts';
import { lockDataDir } from '../serve/data-dir-lock.ts';
import { startLocalRuntime } from '../serve/local-runtime.ts';

const DEFAULT_DIR = '.relais';

function printExamples(url: string, dataDir: string, demo: Demo): void {
  const bodyFile = resolve(dataDir, 'demo-record.json');
  const body = JSON.stringify(demoRecord(), null, 2);
  writeFileSync(bodyFile, body);
  const key = (label: string) => demo.keys.find((k) => k.label === label)!.token;
  const out = [
    '',
    `Relais is running at ${url}  (data in ${resolve(dataDir)}; demo organisations, sources and keys in ${join(resolve(dataDir), 'demo.json')})`,
    '',
    '1. Push a record as the Espoir case app (Standard Webhooks signature; valid for 5 minutes,',
    '   `npm run relais -- demo curl` prints a fresh one):',
    '',
    signedCurl(url, 'src_espoir-app', demo.signingSecrets['src_espoir-app']!, bodyFile, body),
    '',
    '2. Read it back with the Espoir reader key (use the id from the answer):',
    `   curl -s ${url}/v1/records -H 'x-api-key: ${key('espoir-reader')}'`,
    '',
    '3. The other organisation (DIVAS) cannot see it: 404',
    `   curl -i ${url}/v1/records/<id> -H 'x-api-key: ${key('divas-reader')}'`,
    '',
    `API description: ${url}/openapi.json    Health: ${url}/health    Stop: Ctrl-C`,
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Relais locally: the Lambda handlers over HTTP, on dynalite, with demo data')
    .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('-d, --data-dir <dir>', 'where data is kept between runs', DEFAULT_DIR)
    .action(async (opts: { port: string; dataDir: string }) => {
      mkdirSync(opts.dataDir, { recursive: true });
      const unlock = lockDataDir(opts.dataDir);
      const runtime = await startLocalRuntime({ dataDir: opts.dataDir, port: Number(opts.port) });
      const demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), opts.dataDir);
      printExamples(runtime.url, opts.dataDir, demo);
      // Queued work is journaled under the data dir, so even a second Ctrl-C (stop at once) loses nothing
      // acknowledged: it is handled on the next start.
      let stopping = false;
      const stop = async () => {
        if (stopping) process.exit(130);
        stopping = true;
        process.stdout.write('Stopping Relais: finishing the requests in flight (Ctrl-C again to stop at once)…\n');
        let code = 0;
        try {
          await runtime.close();
        } catch (error) {
          process.stderr.write(`relais: could not stop cleanly: ${(error as Error).message}\n`);
          code = 1;
        }
        unlock();
        process.exit(code);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  program
    .command('demo')
    .description('Demo helpers for the local runtime')
    .command('curl')
    .description('Print a freshly signed curl example for the running local runtime')
    .option('-p, --port <port>', 'port Relais listens on', process.env.PORT ?? '3000')
    .option('-d, --data-dir <dir>', 'data directory of the running runtime', DEFAULT_DIR)
    .action((opts: { port: string; dataDir: string }) => {
      const demo = JSON.parse(readFileSync(join(opts.dataDir, 'demo.json'), 'utf8')) as Demo;
      printExamples(`http://127.0.0.1:${opts.port}`, opts.dataDir, demo);
    });
}
