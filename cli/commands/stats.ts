import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../../core/i18n/language.ts';
import type { StatsReport } from '../../core/stats/report.ts';
import { reportRows } from '../../core/stats/table-rows.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { call } from './import.ts';

export interface StatsOptions {
  from: string;
  to: string;
  by?: string;
  ageSet?: string;
  view: 'own' | 'all';
  format: 'table' | 'csv';
  out?: string;
  key: string;
  url: string;
}

/**
 * `relais stats`: GET /v1/stats with the caller's key, shown as a table in the terminal or written as CSV.
 * Both are made from the API's JSON answer with the rows the API's own CSV uses (core/stats/table-rows.ts),
 * so the terminal never shows more than the API, nor something else. A refused query (400, the arguments
 * are wrong) is a usage error; any other refusal a failure.
 */
export async function runStats(options: StatsOptions, lang: Language = 'en'): Promise<string> {
  const t = messagesFor(lang);
  const base = options.url.replace(/\/+$/, '');
  const query = new URLSearchParams({ from: options.from, to: options.to, view: options.view, format: 'json' });
  if (options.by) query.set('by', options.by);
  if (options.ageSet) query.set('ageSet', options.ageSet);
  const res = await call(
    `${base}/v1/stats?${query}`,
    { headers: { 'x-api-key': options.key, 'accept-language': lang } },
    base,
    t,
  );
  if (res.status !== 200) {
    const body = res.body as { detail?: string; errors?: Array<{ pointer: string; detail: string }> } | undefined;
    const details = body?.errors?.length
      ? body.errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')
      : (body?.detail ?? '');
    throw new CliError(t.statsRefused(res.status, details), res.status === 400 ? EXIT.usage : EXIT.failed);
  }
  const report = res.body as unknown as StatsReport;
  const rows = reportRows(report, lang);
  if (options.format === 'csv') return stringify(rows);
  return (
    [
      ...aligned(rows),
      '',
      t.statsChildren(report.children.count ?? 0),
      ...(report.k ? [t.statsSuppressedNote(report.k)] : []),
    ].join('\n') + '\n'
  );
}

/** Columns padded to their widest entry; counts (the last two columns) on the right. */
function aligned(rows: string[][]): string[] {
  const width = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const countColumn = rows[0]!.length - 2;
  return rows.map((r) =>
    r
      .map((v, c) => (c === countColumn ? v.padStart(width[c]!) : v.padEnd(width[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description(
      "Statistics of distinct children (registry persons) by sex, age bracket and more, your organisation's or everyone's",
    )
    .requiredOption('--from <date>', 'first day counted (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day counted (YYYY-MM-DD)')
    .option(
      '--by <dimensions>',
      'comma-separated dimensions: sex, ageBracket, protectionConcern, serviceType, organisation, province, territory',
    )
    .option('--age-set <name>', 'age brackets: primero (default), unhcr, unicef, or one of the deployment')
    .addOption(
      new Option(
        '--view <view>',
        "own: your organisation's, exact; all: everyone's, small cells hidden, whole ended periods",
      )
        .choices(['own', 'all'])
        .default('own'),
    )
    .addOption(
      new Option('--format <format>', 'table (in the terminal) or csv').choices(['table', 'csv']).default('table'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .requiredOption(
      '--key <apiKey>',
      'a reader or admin API key of your organisation, or RELAIS_API_KEY',
      process.env.RELAIS_API_KEY,
    )
    .option('--url <url>', 'the Relais API, or RELAIS_URL', process.env.RELAIS_URL ?? 'http://127.0.0.1:3000')
    .action(async (options: StatsOptions, command: Command) => {
      const lang = languageOf(command);
      const text = await runStats(options, lang);
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(options.out, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new CliError(messagesFor(lang).fileUnwritable(options.out, code), EXIT.failed);
      }
      process.stderr.write(messagesFor(lang).statsWritten(options.out) + '\n');
    });
}
