import type { Command } from 'commander';
import type { Language } from '../../core/i18n/language.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
import { readCsv, writeOutput } from '../input/files.ts';
import { type ProgressStream, progress } from '../progress.ts';

export interface ImportOptions {
  source: string;
  input: string;
  out: string;
  key: string;
  url: string;
}

const BATCH = 500;
/** Problems listed for a refused batch; the rest are counted. */
const SHOWN_PROBLEMS = 10;

/** The parts of the API's answers this command reads: ingestion results, a record's person, a problem. */
interface Answer {
  records?: Array<{ sourceRecordId: string; id: string }>;
  personId?: string;
  code?: string;
  errors?: Array<{ pointer: string; detail: string }>;
}

/** fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, a timeout…). */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export async function call(
  url: string,
  init: RequestInit,
  base: string,
  t: Messages,
): Promise<{ status: number; body: Answer | undefined }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (error) {
    throw new CliError(t.unreachable(base, causeOf(error)), EXIT.failed);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: text ? (JSON.parse(text) as Answer) : undefined };
  } catch {
    throw new CliError(t.notRelais(base, res.status), EXIT.failed);
  }
}

/**
 * A refused batch, in CSV lines: the API points into the batch (/3/person/sex is its fourth record), the
 * person reads the file in a spreadsheet.
 */
function refusal(file: string, lines: readonly number[], status: number, body: Answer | undefined, t: Messages) {
  const head = t.batchRefused(file, lines[0]!, lines.at(-1)!, status, body?.code ?? '');
  const problems = (body?.errors ?? []).map((e) => {
    const [, index, rest = ''] = /^\/(\d+)(\/.*)?$/.exec(e.pointer) ?? [];
    const line = index === undefined ? undefined : lines[Number(index)];
    return line === undefined ? `${e.pointer || '/'} ${e.detail}` : t.lineRefused(file, line, rest, e.detail);
  });
  const more = problems.length > SHOWN_PROBLEMS ? [t.moreProblems(problems.length - SHOWN_PROBLEMS)] : [];
  return new CliError([head, ...problems.slice(0, SHOWN_PROBLEMS), ...more, t.lineNumbers].join('\n'), EXIT.failed);
}

/**
 * `relais import`: the same as `relais match`, but into a running Relais (npm start, or a deployment) through
 * its API, as the source would push: CSV rows in batches of 500 to the source (whose live mapping reads
 * them), then, once the registry has matched them, `record_id,person_id` per row.
 */
export async function runImport(
  options: ImportOptions,
  lang: Language = 'en',
  stderr: ProgressStream = process.stderr,
): Promise<{ rows: number; persons: number }> {
  const t = messagesFor(lang);
  const base = options.url.replace(/\/+$/, '');
  const rows = readCsv(options.input, t);
  const headers = { 'content-type': 'application/json', 'x-api-key': options.key };
  const ids: Array<{ sourceRecordId: string; id: string }> = [];
  const pushed = progress('import', t.rows, rows.length, stderr);
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const res = await call(
      `${base}/v1/sources/${options.source}/records`,
      { method: 'POST', headers, body: JSON.stringify(batch.map((r) => r.row)) },
      base,
      t,
    );
    if (res.status !== 202) {
      pushed.end();
      throw refusal(
        options.input,
        batch.map((r) => r.line),
        res.status,
        res.body,
        t,
      );
    }
    ids.push(...(res.body?.records ?? []));
    pushed.update(i + batch.length);
  }
  pushed.end();
  // Matching runs off the request path: wait for each record's person, reading with the same key.
  const readHeaders = { 'x-api-key': options.key };
  const lines = ['record_id,person_id'];
  const persons = new Set<string>();
  const matched = progress('match', t.rows, ids.length, stderr);
  for (const [n, { sourceRecordId, id }] of ids.entries()) {
    let personId: string | undefined;
    for (let attempt = 0; !personId && attempt < 600; attempt++) {
      const res = await call(`${base}/v1/records/${id}`, { headers: readHeaders }, base, t);
      if (res.status !== 200) throw new CliError(t.readRefused(id, res.status, res.body?.code ?? ''), EXIT.failed);
      personId = res.body?.personId;
      if (!personId) await new Promise((r) => setTimeout(r, 100));
    }
    if (!personId) throw new CliError(t.notMatched(id), EXIT.failed);
    persons.add(personId);
    lines.push(`${sourceRecordId},${personId}`);
    matched.update(n + 1);
  }
  matched.end();
  writeOutput(options.out, lines.join('\n') + '\n', t);
  return { rows: rows.length, persons: persons.size };
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Push a CSV file into a running Relais as a source, and write record_id,person_id once matched')
    .requiredOption('--source <sourceId>', 'the source to push into (its live mapping reads the CSV rows)')
    .requiredOption('--input <file>', 'the CSV file')
    .requiredOption('--out <file>', 'where to write record_id,person_id')
    .requiredOption(
      '--key <apiKey>',
      "an API key of the source's organisation with the admin role (push and read), or RELAIS_API_KEY",
      process.env.RELAIS_API_KEY,
    )
    .option('--url <url>', 'the Relais API, or RELAIS_URL', process.env.RELAIS_URL ?? 'http://127.0.0.1:3000')
    .action(async (options: ImportOptions, command: Command) => {
      const lang = languageOf(command);
      const summary = await runImport(options, lang);
      process.stdout.write(messagesFor(lang).importSummary(summary.rows, summary.persons) + '\n');
    });
}
