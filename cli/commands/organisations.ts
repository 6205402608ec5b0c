import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables } from '../../adapters/dynamodb/create-tables.ts';
import { DynamoDirectory } from '../../adapters/dynamodb/directory.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';
import { lockDataDir } from '../serve/data-dir-lock.ts';
import { newApiKey } from '../../core/auth/api-key.ts';
import { validate } from '../../core/validation/validate.ts';
import { Organisation } from '../../schemas/canonical/index.ts';
import { CliError, EXIT } from '../errors.ts';
import { languageOf } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';

interface Options {
  id: string;
  name: string;
  kind: string;
  country: string;
  dataDir?: string;
  table?: string;
  region?: string;
}

/** The directory to write to: the local runtime's data (stopped), or a deployed directory table. */
async function openDirectory(opts: Options): Promise<{ directory: DynamoDirectory; close: () => Promise<void> }> {
  if (opts.table) {
    const { doc, client } = createDynamoClients(opts.region ? { region: opts.region } : {});
    return { directory: new DynamoDirectory(doc, opts.table), close: async () => client.destroy() };
  }
  const dataDir = opts.dataDir ?? '.relais';
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const db = await startDynalite({ path: join(dataDir, 'dynamodb') });
  const { doc, client } = createDynamoClients({ endpoint: db.endpoint });
  const tables = await ensureTables(client, 'relais-', { rebuildDir: join(dataDir, 'rebuild') });
  return {
    directory: new DynamoDirectory(doc, tables.directory),
    close: async () => {
      client.destroy();
      await db.close();
      unlock();
    },
  };
}

/**
 * Operators onboard an organisation: the organisation and its first admin key. From there the
 * organisation's administrator registers sources and issues keys through /v1/admin.
 */
export function registerOrganisations(program: Command): void {
  program
    .command('organisations')
    .description('Platform operator commands')
    .command('create')
    .description('Create an organisation and print its first admin key (shown once)')
    .requiredOption('--id <id>', 'org_… identifier')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', 'ngo | government | un_agency | other')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2, e.g. CD or BI')
    .option('--data-dir <dir>', 'local runtime data directory (default .relais; stop npm start first)')
    .option('--table <name>', 'a deployed directory table instead (uses your AWS credentials)')
    .option('--region <region>', 'AWS region of --table')
    .action(async (opts: Options, command: Command) => {
      const lang = languageOf(command);
      const t = messagesFor(lang);
      const checked = validate(Organisation, { id: opts.id, name: opts.name, kind: opts.kind, country: opts.country });
      if (!checked.ok) {
        for (const issue of checked.issues) process.stderr.write(`${issue.pointer || '/'}: ${issue.message[lang]}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const { directory, close } = await openDirectory(opts);
      try {
        if ((await directory.createOrganisation(checked.value)) === 'exists')
          throw new CliError(t.organisationExists(opts.id), EXIT.failed);
        const key = newApiKey();
        await directory.putApiKey({
          keyId: key.keyId,
          organisationId: opts.id,
          roles: ['admin'],
          secretHash: key.secretHash,
          label: 'first admin key',
          createdAt: new Date().toISOString(),
        });
        process.stdout.write(`${t.organisationCreated(opts.id)}\n${t.adminKey(key.token)}\n`);
      } finally {
        await close();
      }
    });
}
