import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Health } from '../../schemas/api/records.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import type { Demo } from '../serve/demo.ts';
import { printExamples } from '../serve/examples.ts';

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
  program
    .command('demo')
    .description('Demo helpers for the local runtime')
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
