import type { Bundle, Patient, RelatedPerson } from '@medplum/fhirtypes';
import type { Command } from 'commander';
import type { z } from 'zod';
import { createFhirClient } from '../../adapters/fhir/client.ts';
import { fhirIssues } from '../../adapters/fhir/validate.ts';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import { patientsAsRecords } from '../../core/fhir/import-patients.ts';
import { DEFAULT_FHIR_BASE, bundleForPerson, bundleForReferral } from '../../core/fhir/index.ts';
import type { FhirEndpointClient } from '../../core/fhir/ports.ts';
import type { Language } from '../../core/i18n/language.ts';
import type { PersonView } from '../../schemas/api/persons.ts';
import type { ReferralView } from '../../schemas/api/referrals.ts';
import type { CanonicalRecord } from '../../schemas/canonical/record.ts';
import { FhirPullCursor, TransactionBundle } from '../../schemas/fhir/sync.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
import { readJson } from '../input/files.ts';
import { call } from './import.ts';

export interface FhirExportOptions {
  person?: string;
  referral?: string;
  key: string;
  url: string;
  base: string;
}

/**
 * `relais fhir export --person ID | --referral ID`: a transaction Bundle of what the key's organisation
 * may see, printed on stdout. It reads through the JSON API of a running Relais (npm start or a
 * deployment) with that key and maps only the answers, so the Bundle never holds more than the JSON API
 * showed the same caller, and the API's 404s and audit of cross-organisation reads apply as they are.
 */
export async function runFhirExport(options: FhirExportOptions, lang: Language = 'en'): Promise<Bundle> {
  const t = messagesFor(lang);
  if ((options.person === undefined) === (options.referral === undefined)) {
    throw new CliError(t.fhirExportOneOf, EXIT.usage);
  }
  const base = options.url.replace(/\/+$/, '');
  const get = async <T>(path: string): Promise<T> => {
    const res = await call(`${base}${path}`, { headers: { 'x-api-key': options.key } }, base, t);
    if (res.status !== 200) throw new CliError(t.fhirReadRefused(path, res.status, res.body?.code ?? ''), EXIT.failed);
    return res.body as T;
  };
  const fhir = { base: options.base };
  let bundle: Bundle;
  if (options.person !== undefined) {
    const person = await get<z.output<typeof PersonView>>(`/v1/persons/${encodeURIComponent(options.person)}`);
    const records: CanonicalRecord[] = [];
    for (const { recordId } of person.records) records.push(await get<CanonicalRecord>(`/v1/records/${recordId}`));
    bundle = bundleForPerson({ personId: person.id, records }, fhir);
  } else {
    bundle = bundleForReferral(await get<ReferralView>(`/v1/referrals/${encodeURIComponent(options.referral!)}`), fhir);
  }
  // A Bundle that does not validate is a Relais bug: say so rather than hand it to a FHIR server.
  const issues = fhirIssues(bundle);
  if (issues.length > 0) throw new CliError(invalid(t, issues), EXIT.failed);
  return bundle;
}

const invalid = (t: Messages, issues: ReturnType<typeof fhirIssues>) =>
  [t.fhirBundleInvalid(issues.length), ...issues.slice(0, 10).map((i) => `  ${i.path}: ${i.message}`)].join('\n');

interface Common {
  endpoint: string;
  token?: string;
}

/**
 * The endpoint as Relais would reach it: the same client and the same outbound URL rules as the push queue
 * (https, public addresses), plain http to loopback only where RELAIS_ALLOW_HTTP_LOOPBACK=1, the local
 * runtime's setting. The token comes from --token or RELAIS_FHIR_TOKEN, so it need not sit in the shell history.
 */
function clientFor(opts: Common, env: NodeJS.ProcessEnv = process.env): FhirEndpointClient {
  const token = opts.token ?? env.RELAIS_FHIR_TOKEN;
  return createFhirClient({
    baseUrl: opts.endpoint,
    auth: token ? { kind: 'bearer', token } : { kind: 'none' },
    resolver: systemResolver,
    allowHttpLoopback: env.RELAIS_ALLOW_HTTP_LOOPBACK === '1',
  });
}

const describeOutcome = (o: { kind: string; status?: number }) => (o.kind === 'response' ? `HTTP ${o.status}` : o.kind);

export function registerFhir(program: Command): void {
  const fhir = program.command('fhir').description('FHIR R4 for partners: export, push and pull');
  fhir
    .command('export')
    .description(
      "Print a FHIR R4 transaction Bundle of a registry person or a referral, as the key's organisation sees it",
    )
    .option('--person <personId>', 'a registry person (per_…): your records of it, one Patient each')
    .option(
      '--referral <referralId>',
      'a referral (ref_…): ServiceRequest, Task, Consent and the child as you may see it',
    )
    .requiredOption(
      '--key <apiKey>',
      'an API key of your organisation (reader or admin for a person, referrals or admin for a referral), or RELAIS_API_KEY',
      process.env.RELAIS_API_KEY,
    )
    .option('--url <url>', 'the Relais API, or RELAIS_URL', process.env.RELAIS_URL ?? 'http://127.0.0.1:3000')
    .option(
      '--base <uri>',
      'the base of the identifier systems, or RELAIS_FHIR_BASE',
      process.env.RELAIS_FHIR_BASE ?? DEFAULT_FHIR_BASE,
    )
    .action(async (options: FhirExportOptions, command: Command) => {
      const bundle = await runFhirExport(options, languageOf(command));
      process.stdout.write(JSON.stringify(bundle, null, 2) + '\n');
    });

  const common = (c: Command) =>
    c
      .requiredOption('--endpoint <url>', 'the FHIR base URL (https; must resolve to public addresses)')
      .option('--token <token>', 'a bearer token (or RELAIS_FHIR_TOKEN)');

  common(fhir.command('push'))
    .description('Send a transaction Bundle; print the status and location of each entry')
    .requiredOption('--file <file>', 'the transaction Bundle (JSON)')
    .action(async (opts: Common & { file: string }, command: Command) => {
      const t = messagesFor(languageOf(command));
      const parsed = TransactionBundle.safeParse(readJson(opts.file, t));
      if (!parsed.success) throw new CliError(t.notTransactionBundle(opts.file), EXIT.usage);
      const result = await clientFor(opts).push(parsed.data);
      if (result.kind === 'failed') throw new CliError(t.fhirFailed(describeOutcome(result.outcome)), EXIT.failed);
      for (const entry of result.entries) process.stdout.write(`${entry.status}  ${entry.location ?? ''}\n`);
      process.stderr.write(t.fhirPushed(result.entries.length) + '\n');
    });

  common(fhir.command('pull'))
    .description('Print the resources of one type updated since a time, one JSON per line, every page followed')
    .requiredOption('--type <type>', 'the resource type, e.g. Task')
    .option('--since <time>', 'an ISO 8601 date-time with its offset (default: from the beginning)')
    .option('--count <n>', 'resources per page (_count)', '100')
    .option('--into <sourceId>', 'with --type Patient: import the Patients into this canonical source of yours')
    .option('--key <apiKey>', 'with --into: an API key of the source organisation (source or admin), or RELAIS_API_KEY')
    .option(
      '--url <url>',
      'with --into: the Relais API, or RELAIS_URL',
      process.env.RELAIS_URL ?? 'http://127.0.0.1:3000',
    )
    .action(async (opts: PullOptions, command: Command) => {
      const t = messagesFor(languageOf(command));
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new CliError(t.badCount(opts.count), EXIT.usage);
      if (opts.into !== undefined && opts.type !== 'Patient') throw new CliError(t.fhirIntoPatientsOnly, EXIT.usage);
      const key = opts.key ?? process.env.RELAIS_API_KEY;
      if (opts.into !== undefined && !key) throw new CliError(t.fhirIntoNeedsKey, EXIT.usage);
      const pulled = await pullAll(opts, opts.type, count, t);
      if (opts.into === undefined) {
        for (const resource of pulled.resources) process.stdout.write(JSON.stringify(resource) + '\n');
      } else {
        // The caregivers of the Patients: the RelatedPersons changed in the same window.
        const related = await pullAll(opts, 'RelatedPerson', count, t);
        const records = patientsAsRecords(
          pulled.resources as unknown as Patient[],
          related.resources as unknown as RelatedPerson[],
        );
        const outcomes = await importRecords(records, { source: opts.into, key: key!, url: opts.url }, t);
        process.stdout.write(t.fhirImported(records.length, opts.into, outcomes) + '\n');
      }
      process.stderr.write(t.fhirPulled(pulled.resources.length, pulled.pages, pulled.cursor.since) + '\n');
    });
}

interface PullOptions extends Common {
  type: string;
  since?: string;
  count: string;
  into?: string;
  key?: string;
  url: string;
}

async function pullAll(opts: PullOptions, resourceType: string, count: number, t: Messages) {
  const cursor = FhirPullCursor.safeParse({
    resourceType,
    ...(opts.since ? { since: opts.since } : {}),
    seenAtSince: [],
  });
  if (!cursor.success) {
    const badType = cursor.error.issues.some((i) => i.path[0] === 'resourceType');
    throw new CliError(badType ? t.badResourceType(resourceType) : t.badSince(opts.since ?? ''), EXIT.usage);
  }
  try {
    return await clientFor(opts).pull(cursor.data, { pageSize: count });
  } catch (error) {
    const outcome = (error as { outcome?: { kind: string; status?: number } }).outcome;
    if (!outcome) throw error;
    throw new CliError(t.fhirFailed(describeOutcome(outcome)), EXIT.failed);
  }
}

/** Posts the records to the source in batches, as `relais import` does; a refused batch stops with its problem. */
async function importRecords(
  records: readonly unknown[],
  target: { source: string; key: string; url: string },
  t: Messages,
): Promise<Record<string, number>> {
  const base = target.url.replace(/\/+$/, '');
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < records.length; i += 100) {
    const res = await call(
      `${base}/v1/sources/${encodeURIComponent(target.source)}/records`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': target.key },
        body: JSON.stringify(records.slice(i, i + 100)),
      },
      base,
      t,
    );
    if (res.status !== 202) throw new CliError(t.fhirImportRefused(res.status, res.body), EXIT.failed);
    for (const r of (res.body?.records ?? []) as unknown as Array<{ outcome: string }>)
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  }
  return outcomes;
}
