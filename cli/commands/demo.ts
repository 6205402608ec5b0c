import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Health } from '../../schemas/api/records.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import type { Demo } from '../serve/demo.ts';
import { printExamples } from '../serve/examples.ts';
import { startDemoReceiver } from '../serve/demo-receiver.ts';

const DEFAULT_DIR = '.relais';
/** A local Relais answers /health at once; longer means nothing is listening the way Relais does. */
const HEALTH_TIMEOUT_MS = 3000;

/** Whether a Relais answers at this address: /health with its own answer, not merely some server. */
export async function isRelaisRunning(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return res.ok && Health.safeParse(await res.json()).success;
  } catch {
    return false;
  }
}

interface Options {
  port: string;
  url?: string;
  dataDir: string;
}

export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('Demo helpers for the local runtime');
  demo
    .command('receiver')
    .description("Listen for both demo organisations' signed webhooks and print what each receives")
    .option('-p, --port <port>', 'port Relais listens on', process.env.PORT ?? '3000')
    .option('--url <url>', 'address of Relais (default http://127.0.0.1:<port>, or RELAIS_URL)', process.env.RELAIS_URL)
    .option('-d, --data-dir <dir>', 'data directory of the running runtime', DEFAULT_DIR)
    .option('--listen <port>', 'port the receiver listens on', '4100')
    .action(async (opts: Options & { listen: string }, command: Command) => {
      const t = messagesFor(languageOf(command));
      const url = (opts.url ?? `http://127.0.0.1:${opts.port}`).replace(/\/+$/, '');
      if (!(await isRelaisRunning(url))) throw new CliError(t.notRunning(url), EXIT.failed);
      const file = join(opts.dataDir, 'demo.json');
      if (!existsSync(file)) throw new CliError(t.noDemo(file), EXIT.failed);
      const receiver = await startDemoReceiver({
        url,
        dataDir: opts.dataDir,
        demo: JSON.parse(readFileSync(file, 'utf8')) as Demo,
        port: Number(opts.listen),
        print: (line) => process.stdout.write(line + '\n'),
        messages: { listening: t.receiverListening, event: t.receiverEvent, noSecret: t.receiverNoSecret },
      }).catch((error: Error) => {
        throw new CliError(error.message, EXIT.failed);
      });
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await receiver.close();
    });
  demo
    .command('curl')
    .description('Check that the local runtime answers, and print a freshly signed curl example for it')
    .option('-p, --port <port>', 'port Relais listens on', process.env.PORT ?? '3000')
    .option('--url <url>', 'address of Relais (default http://127.0.0.1:<port>, or RELAIS_URL)', process.env.RELAIS_URL)
    .option('-d, --data-dir <dir>', 'data directory of the running runtime', DEFAULT_DIR)
    .action(async (opts: Options, command: Command) => {
      const lang = languageOf(command);
      const t = messagesFor(lang);
      const url = (opts.url ?? `http://127.0.0.1:${opts.port}`).replace(/\/+$/, '');
      if (!(await isRelaisRunning(url))) throw new CliError(t.notRunning(url), EXIT.failed);
      const file = join(opts.dataDir, 'demo.json');
      if (!existsSync(file)) throw new CliError(t.noDemo(file), EXIT.failed);
      printExamples(url, opts.dataDir, JSON.parse(readFileSync(file, 'utf8')) as Demo, lang);
    });
}
