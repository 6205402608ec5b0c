import type { Bundle } from '@medplum/fhirtypes';
import type { Command } from 'commander';
import { fhirIssues } from '../../adapters/fhir/validate.ts';
import { DEFAULT_FHIR_BASE, bundleForPerson, bundleForReferral } from '../../core/fhir/index.ts';
import type { Language } from '../../core/i18n/language.ts';
import type { ReferralView } from '../../schemas/api/referrals.ts';
import type { PersonView } from '../../schemas/api/persons.ts';
import type { z } from 'zod';
import type { CanonicalRecord } from '../../schemas/canonical/record.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
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

export function registerFhir(program: Command): void {
  program
    .command('fhir')
    .description('FHIR R4 for partners')
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
}
