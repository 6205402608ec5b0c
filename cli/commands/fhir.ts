import type { Command } from 'commander';
import { createFhirClient } from '../../adapters/fhir/client.ts';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import type { FhirEndpointClient } from '../../core/fhir/ports.ts';
import { FhirPullCursor, TransactionBundle } from '../../schemas/fhir/sync.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { readJson } from '../input/files.ts';

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
  const fhir = program
    .command('fhir')
    .description("Push Bundles to and pull resources from a partner's FHIR R4 server");
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
    .action(async (opts: Common & { type: string; since?: string; count: string }, command: Command) => {
      const t = messagesFor(languageOf(command));
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new CliError(t.badCount(opts.count), EXIT.usage);
      const cursor = FhirPullCursor.safeParse({
        resourceType: opts.type,
        ...(opts.since ? { since: opts.since } : {}),
        seenAtSince: [],
      });
      if (!cursor.success) {
        const badType = cursor.error.issues.some((i) => i.path[0] === 'resourceType');
        throw new CliError(badType ? t.badResourceType(opts.type) : t.badSince(opts.since ?? ''), EXIT.usage);
      }
      let pulled;
      try {
        pulled = await clientFor(opts).pull(cursor.data, { pageSize: count });
      } catch (error) {
        const outcome = (error as { outcome?: { kind: string; status?: number } }).outcome;
        if (!outcome) throw error;
        throw new CliError(t.fhirFailed(describeOutcome(outcome)), EXIT.failed);
      }
      for (const resource of pulled.resources) process.stdout.write(JSON.stringify(resource) + '\n');
      process.stderr.write(t.fhirPulled(pulled.resources.length, pulled.pages, pulled.cursor.since) + '\n');
    });
}
