import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { languageOf } from '../i18n/language.ts';
import { seedDemo } from '../serve/demo.ts';
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
    .action(async (opts: { port: string; dataDir: string }, command: Command) => {
      mkdirSync(opts.dataDir, { recursive: true });
      const unlock = lockDataDir(opts.dataDir);
      const runtime = await startLocalRuntime({ dataDir: opts.dataDir, port: Number(opts.port) });
      const demo = await seedDemo(new DynamoDirectory(runtime.dynamo.doc, runtime.tables.directory!), opts.dataDir);
      printExamples(runtime.url, opts.dataDir, demo, languageOf(command));
      const stop = async () => {
        process.stdout.write('Stopping Relais…\n');
        await runtime.close();
        unlock();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
