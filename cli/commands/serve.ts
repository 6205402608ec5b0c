import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { seedDemo } from '../serve/demo.ts';
import { startDemoData } from '../serve/demo-start.ts';
import { printExamples } from '../serve/examples.ts';
import { lockDataDir } from '../serve/data-dir-lock.ts';
import { startLocalRuntime } from '../serve/local-runtime.ts';

const DEFAULT_DIR = '.relais';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Relais locally: the Lambda handlers over HTTP, on dynalite, with demo data')
    .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('-d, --data-dir <dir>', 'where data is kept between runs', DEFAULT_DIR)
    .option('--no-demo-data', 'do not seed the demo records, mappings and referrals (a later start still can)')
    .action(async (opts: { port: string; dataDir: string; demoData: boolean }, command: Command) => {
      mkdirSync(opts.dataDir, { recursive: true });
      const unlock = lockDataDir(opts.dataDir);
      const runtime = await startLocalRuntime({ dataDir: opts.dataDir, port: Number(opts.port) });
      const demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), opts.dataDir);
      const lang = languageOf(command);
      const t = messagesFor(lang);
      const { receiver, seeded, failed } = await startDemoData(runtime, opts.dataDir, demo, { seed: opts.demoData });
      if (seeded && !seeded.drained) process.stderr.write(`relais: ${t.demoDataBusy}\n`);
      if (failed) process.stderr.write(`relais: ${t.demoDataFailed(failed.message)}\n`);
      printExamples(runtime.url, opts.dataDir, demo, lang);
      // Queued work is journaled under the data dir, so even a second Ctrl-C (stop at once) loses nothing
      // acknowledged: it is handled on the next start.
      let stopping = false;
      const stop = async () => {
        if (stopping) process.exit(130);
        stopping = true;
        process.stdout.write(`${t.stopping}\n`);
        let code = 0;
        try {
          await runtime.close();
          await receiver.close();
        } catch (error) {
          process.stderr.write(`relais: ${t.stopFailed((error as Error).message)}\n`);
          code = 1;
        }
        unlock();
        process.exit(code);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
