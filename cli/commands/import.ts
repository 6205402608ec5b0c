import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvRows } from '../../adapters/sources/csv/rows.ts';

interface Options {
  source: string;
  input: string;
  out: string;
  key: string;
  url: string;
}

const BATCH = 500;

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

/** The parts of the API's answers this command reads: ingestion results, a record's person, a problem. */
interface Answer {
  records?: Array<{ sourceRecordId: string; id: string }>;
  personId?: string;
  code?: string;
  errors?: Array<{ pointer: string; detail: string }>;
}

async function call(url: string, init: RequestInit): Promise<{ status: number; body: Answer | undefined }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * `relais import`: the same as `relais match`, but into a running Relais (npm start, or a deployment) through
 * its API, as the source would push: CSV rows in batches of 500 to the source (whose live mapping reads
 * them), then, once the registry has matched them, `record_id,person_id` per row.
 */
export async function runImport(options: Options): Promise<{ rows: number; persons: number }> {
  const rows = csvRows(readFileSync(options.input, 'utf8'));
  const headers = { 'content-type': 'application/json', 'x-api-key': options.key };
  const ids: Array<{ sourceRecordId: string; id: string }> = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const res = await call(`${options.url}/v1/sources/${options.source}/records`, {
      method: 'POST',
      headers,
      body: JSON.stringify(rows.slice(i, i + BATCH)),
    });
    if (res.status !== 202) {
      const first = res.body?.errors?.[0];
      throw new Error(
        `rows ${i + 1}-${Math.min(i + BATCH, rows.length)} refused (${res.status} ${res.body?.code ?? ''}${first ? `: ${first.pointer} ${first.detail}` : ''})`,
      );
    }
    ids.push(...(res.body?.records ?? []));
    progress('import', Math.min(i + BATCH, rows.length), rows.length);
  }
  process.stderr.write('\n');
  // Matching runs off the request path: wait for each record's person, reading with the same key.
  const readHeaders = { 'x-api-key': options.key };
  const lines = ['record_id,person_id'];
  const persons = new Set<string>();
  for (const [n, { sourceRecordId, id }] of ids.entries()) {
    let personId: string | undefined;
    for (let attempt = 0; !personId && attempt < 600; attempt++) {
      const res = await call(`${options.url}/v1/records/${id}`, { headers: readHeaders });
      if (res.status !== 200)
        throw new Error(
          `reading ${id} answered ${res.status} ${res.body?.code ?? ''} (the key needs the reader or admin role too)`,
        );
      personId = res.body?.personId;
      if (!personId) await new Promise((r) => setTimeout(r, 100));
    }
    if (!personId) throw new Error(`record ${id} was not matched within a minute`);
    persons.add(personId);
    lines.push(`${sourceRecordId},${personId}`);
    if ((n + 1) % 100 === 0 || n + 1 === ids.length) progress('match ', n + 1, ids.length);
  }
  process.stderr.write('\n');
  writeFileSync(options.out, lines.join('\n') + '\n');
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
    .option('--url <url>', 'the Relais API', process.env.RELAIS_URL ?? 'http://127.0.0.1:3000')
    .action(async (options: Options) => {
      const summary = await runImport(options);
      process.stderr.write(`${summary.rows} rows, ${summary.persons} persons\n`);
    });
}
