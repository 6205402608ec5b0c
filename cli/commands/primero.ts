import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import { PrimeroApiError, PrimeroClient, PrimeroUnexpectedAnswer } from '../../adapters/sources/primero/client.ts';
import { OutboundUrlRefused, TransportError, jsonTransport } from '../../adapters/sources/primero/http.ts';
import {
  type PullCursor,
  PullCursor as PullCursorSchema,
  initialCursor,
} from '../../adapters/sources/primero/pull-cursor.ts';
import { CaseWithoutTimestamp, MAX_PER, SecondKeepsChanging, pullCases } from '../../adapters/sources/primero/pull.ts';
import { pushCase, pushReferralStatus } from '../../adapters/sources/primero/push.ts';
import { MAX_BATCH } from '../../core/records/ingest-records.ts';
import type { Language } from '../../core/i18n/language.ts';
import { RecordView } from '../../schemas/api/records.ts';
import { ReferralStatus } from '../../schemas/canonical/referral.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';

interface PrimeroOptions {
  url: string;
  user: string;
  passwordEnv: string;
  relaisUrl: string;
  keyEnv: string;
}

export interface PullOptions extends PrimeroOptions {
  source: string;
  since?: string;
  cursorFile?: string;
  per: number;
}

export interface PushOptions extends PrimeroOptions {
  record: string[];
  pulledFrom: string[];
}

export interface ReferralStatusOptions extends Omit<PrimeroOptions, 'relaisUrl' | 'keyEnv'> {
  case: string;
  referral: string;
  status: ReferralStatus;
  reason?: string;
}

/** A secret is named by its environment variable, never given on the command line, where `ps` shows it. */
function secretFrom(env: NodeJS.ProcessEnv, variable: string, t: Messages): string {
  const value = env[variable];
  if (!value) throw new CliError(t.secretVariableEmpty(variable), EXIT.usage);
  return value;
}

function primeroClient(options: Omit<PrimeroOptions, 'relaisUrl' | 'keyEnv'>, env: NodeJS.ProcessEnv, t: Messages) {
  const password = secretFrom(env, options.passwordEnv, t);
  // The same setting as the local runtime's webhooks: http to loopback for the demo and tests only.
  const transport = jsonTransport({
    resolver: systemResolver,
    allowHttpLoopback: env.RELAIS_ALLOW_HTTP_LOOPBACK === '1',
  });
  return new PrimeroClient(options.url, { user: options.user, password }, transport);
}

/** Primero's refusals and unreachable servers, as a sentence for the person; anything else is rethrown. */
function explained(error: unknown, t: Messages): never {
  if (error instanceof OutboundUrlRefused) throw new CliError(t.primeroUrlRefused(error.codes.join(', ')), EXIT.usage);
  if (
    error instanceof PrimeroApiError ||
    error instanceof PrimeroUnexpectedAnswer ||
    error instanceof CaseWithoutTimestamp ||
    error instanceof SecondKeepsChanging
  )
    throw new CliError(error.message, EXIT.failed);
  if (error instanceof TransportError) throw new CliError(t.primeroUnreachable(error.reason), EXIT.failed);
  throw error;
}

/** The parts of Relais's answers read here: sources, ingestion results, a problem. */
interface RelaisBody {
  code?: string;
  errors?: Array<{ pointer: string; detail: string }>;
  items?: Array<{ id: string; tool: string }>;
  records?: Array<{ id?: string }>;
}

interface RelaisAnswer {
  status: number;
  body: RelaisBody | undefined;
}

async function relaisCall(base: string, path: string, init: RequestInit, t: Messages): Promise<RelaisAnswer> {
  let res: Response;
  try {
    res = await fetch(base + path, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(t.unreachable(base, cause), EXIT.failed);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: text ? (JSON.parse(text) as RelaisBody) : undefined };
  } catch {
    throw new CliError(t.notRelais(base, res.status), EXIT.failed);
  }
}

function readCursor(file: string, t: Messages): PullCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CliError(t.cursorFileInvalid(file), EXIT.usage);
  }
  const checked = PullCursorSchema.safeParse(parsed);
  if (!checked.success) throw new CliError(t.cursorFileInvalid(file), EXIT.usage);
  return checked.data;
}

/** Written aside then renamed, so that a kill mid-write leaves the previous cursor, never half of one. */
function writeCursor(file: string, cursor: PullCursor): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(cursor) + '\n');
  renameSync(`${file}.tmp`, file);
}

/**
 * `relais primero pull`: the cases updated in Primero since the cursor, pushed into a running Relais as the
 * source would push them (POST /v1/sources/{id}/records, the source's live Primero mapping, the registry),
 * page by page; the cursor file moves after each page Relais accepted.
 */
export async function runPrimeroPull(
  options: PullOptions,
  lang: Language = 'en',
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ pulled: number; alreadyHad: number; cursor: PullCursor; records: string[] }> {
  const t = messagesFor(lang);
  const key = secretFrom(env, options.keyEnv, t);
  const client = primeroClient(options, env, t);
  const base = options.relaisUrl.replace(/\/+$/, '');
  const hasFile = options.cursorFile !== undefined && existsSync(options.cursorFile);
  if (hasFile && options.since) throw new CliError(t.sinceAndCursor(options.cursorFile!), EXIT.usage);
  const cursor = hasFile ? readCursor(options.cursorFile!, t) : initialCursor(options.since);

  const sources = await relaisCall(base, '/v1/admin/sources', { headers: { 'x-api-key': key } }, t);
  if (sources.status !== 200)
    throw new CliError(t.sourcesRefused(sources.status, sources.body?.code ?? ''), EXIT.failed);
  const source = sources.body?.items?.find((s) => s.id === options.source);
  if (!source) throw new CliError(t.sourceNotFound(options.source), EXIT.usage);
  if (source.tool !== 'primero') throw new CliError(t.sourceNotPrimero(options.source, source.tool), EXIT.usage);

  const records: string[] = [];
  try {
    const result = await pullCases({
      client,
      cursor,
      per: options.per,
      sink: async (payloads) => {
        for (let i = 0; i < payloads.length; i += MAX_BATCH) {
          const batch = payloads.slice(i, i + MAX_BATCH);
          const res = await relaisCall(
            base,
            `/v1/sources/${encodeURIComponent(options.source)}/records`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': key },
              body: JSON.stringify(batch),
            },
            t,
          );
          if (res.status !== 202) throw refusedBatch(res, batch, t);
          for (const r of res.body?.records ?? []) if (r.id) records.push(r.id);
        }
      },
      onPage: ({ cursor: next }) => {
        if (options.cursorFile) writeCursor(options.cursorFile, next);
      },
    });
    return { pulled: result.pulled, alreadyHad: result.alreadyHad, cursor: result.cursor, records };
  } catch (error) {
    return explained(error, t);
  }
}

/** Relais refused a page: the problems by Primero case id (an id, not a child's data) and field. */
function refusedBatch(res: RelaisAnswer, batch: Array<{ data: { id: string } }>, t: Messages): CliError {
  const problems = (res.body?.errors ?? []).slice(0, 10).map((e) => {
    const [, index, rest = ''] = /^\/(\d+)(\/.*)?$/.exec(e.pointer) ?? [];
    const id = index === undefined ? undefined : batch[Number(index)]?.data.id;
    return id ? t.caseRefused(id, rest, e.detail) : `${e.pointer || '/'} ${e.detail}`;
  });
  return new CliError([t.pageRefused(res.status, res.body?.code ?? ''), ...problems].join('\n'), EXIT.failed);
}

/** `relais primero push`: Relais records (read with the key) to Primero cases, one line per record. */
export async function runPrimeroPush(
  options: PushOptions,
  lang: Language = 'en',
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ lines: string[]; failed: boolean }> {
  const t = messagesFor(lang);
  const key = secretFrom(env, options.keyEnv, t);
  const client = primeroClient(options, env, t);
  const base = options.relaisUrl.replace(/\/+$/, '');
  const lines: string[] = [];
  let failed = false;
  for (const id of options.record) {
    const res = await relaisCall(base, `/v1/records/${encodeURIComponent(id)}`, { headers: { 'x-api-key': key } }, t);
    if (res.status !== 200) throw new CliError(t.readRefused(id, res.status, res.body?.code ?? ''), EXIT.failed);
    const record = RecordView.safeParse(res.body);
    if (!record.success) throw new CliError(t.notRelais(base, res.status), EXIT.failed);
    try {
      const outcome = await pushCase(client, record.data, { pulledFrom: new Set(options.pulledFrom) });
      if (outcome.outcome === 'conflict') {
        failed = true;
        lines.push(t.pushConflict(id, outcome.matches));
      } else if (outcome.outcome === 'not-found') {
        failed = true;
        lines.push(t.pushNotFound(id, outcome.primeroId));
      } else lines.push(`${id} ${outcome.outcome} ${outcome.primeroId}`);
    } catch (error) {
      explained(error, t);
    }
  }
  return { lines, failed };
}

export async function runPrimeroReferralStatus(
  options: ReferralStatusOptions,
  lang: Language = 'en',
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ line: string; failed: boolean }> {
  const t = messagesFor(lang);
  const client = primeroClient(options, env, t);
  try {
    const outcome = await pushReferralStatus(client, {
      caseId: options.case,
      referralId: options.referral,
      status: options.status,
      ...(options.reason ? { reason: options.reason } : {}),
    });
    switch (outcome.outcome) {
      case 'updated':
      case 'unchanged':
        return { line: `${options.referral} ${outcome.outcome} ${outcome.status}`, failed: false };
      case 'conflict':
        return { line: t.referralConflict(options.referral, outcome.primeroStatus, outcome.wanted), failed: true };
      case 'not-representable':
        return { line: t.referralNotRepresentable(options.status), failed: true };
      case 'not-found':
        return { line: t.referralNotFound(options.referral, options.case), failed: true };
    }
  } catch (error) {
    return explained(error, t);
  }
}

function perPage(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PER) throw new InvalidArgumentError(`an integer from 1 to ${MAX_PER}`);
  return n;
}

function timestamp(value: string): string {
  if (!PullCursorSchema.shape.since.safeParse(value).success)
    throw new InvalidArgumentError('an ISO 8601 date and time with its offset, e.g. 2026-01-31T00:00:00Z');
  return value;
}

function status(value: string): ReferralStatus {
  const parsed = ReferralStatus.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`one of ${ReferralStatus.options.join(', ')}`);
  return parsed.data;
}

function primeroOptions(command: Command, relais = true): Command {
  command
    .requiredOption('--url <url>', 'the Primero server (https), e.g. https://primero.example.org')
    .requiredOption('--user <name>', 'the Primero user Relais logs in as')
    .requiredOption('--password-env <variable>', "the environment variable holding that user's password");
  if (relais)
    command
      .option('--relais-url <url>', 'the Relais API, or RELAIS_URL', process.env.RELAIS_URL ?? 'http://127.0.0.1:3000')
      .option(
        '--key-env <variable>',
        "the environment variable holding an admin API key of the source's organisation",
        'RELAIS_API_KEY',
      );
  return command;
}

export function registerPrimero(program: Command): void {
  const primero = program.command('primero').description('Exchange cases with a Primero v2 server');

  primeroOptions(
    primero
      .command('pull')
      .description('Pull the cases updated in Primero into a running Relais, as a Primero source, page by page'),
  )
    .requiredOption('--source <sourceId>', 'the Relais source (tool primero) the cases enter as')
    .option('--since <time>', 'pull cases updated at or after this time (first run only)', timestamp)
    .option('--cursor-file <file>', 'where the cursor is kept between runs (read, then written after each page)')
    .option('--per <n>', 'cases per page (at most 1000)', perPage, MAX_PER)
    .action(async (options: PullOptions, command: Command) => {
      const lang = languageOf(command);
      const result = await runPrimeroPull(options, lang);
      process.stdout.write(messagesFor(lang).pullSummary(result.pulled, result.alreadyHad, result.cursor.since) + '\n');
    });

  primeroOptions(
    primero.command('push').description('Create or update Primero cases from Relais records, matched by case id'),
  )
    .requiredOption('--record <recordId...>', 'the Relais records to push (rec_…)')
    .option(
      '--pulled-from <sourceId...>',
      'the Relais sources pulled from this Primero (their records update their own case)',
      [],
    )
    .action(async (options: PushOptions, command: Command) => {
      const result = await runPrimeroPush(options, languageOf(command));
      process.stdout.write(result.lines.join('\n') + '\n');
      if (result.failed) process.exitCode = EXIT.failed;
    });

  primeroOptions(
    primero
      .command('referral-status')
      .description("Set a Primero referral's status from the Relais referral it stands for"),
    false,
  )
    .requiredOption('--case <id>', 'the Primero case id')
    .requiredOption('--referral <id>', 'the Primero referral id')
    .requiredOption('--status <status>', `the Relais status (${ReferralStatus.options.join(', ')})`, status)
    .option('--reason <code>', 'the reason code, for rejected or completed')
    .action(async (options: ReferralStatusOptions, command: Command) => {
      const result = await runPrimeroReferralStatus(options, languageOf(command));
      process.stdout.write(result.line + '\n');
      if (result.failed) process.exitCode = EXIT.failed;
    });
}
