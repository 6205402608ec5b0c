import type { Command } from 'commander';
import { createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { refileRegistry } from '../../adapters/dynamodb/registry-layout.ts';

interface Options {
  table: string;
  endpoint?: string;
}

/**
 * `relais registry refile --table <registry table>`: for an AWS deployment upgrading from an older
 * blocking version, run once with the usual AWS credentials before the match queue resumes (the local
 * runtime does it at start by itself). Prints counts only: nothing about a child.
 */
export function registerRegistry(program: Command): void {
  program
    .command('registry')
    .description('Maintenance of the person registry')
    .command('refile')
    .description('File every person under the blocking keys of this version, if the registry was filed under another')
    .requiredOption('--table <name>', 'the registry table (the stateful stack output)')
    .option('--endpoint <url>', 'a DynamoDB endpoint other than AWS')
    .action(async (options: Options) => {
      const { client, doc } = createDynamoClients(options.endpoint ? { endpoint: options.endpoint } : {});
      try {
        const filed = await refileRegistry(doc, options.table);
        process.stdout.write(
          filed === undefined ? 'already filed under this blocking version\n' : `${filed} persons filed\n`,
        );
      } finally {
        client.destroy();
      }
    });
}
