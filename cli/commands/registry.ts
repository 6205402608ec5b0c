import type { Command } from 'commander';
import { createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { refileRegistry } from '../../adapters/dynamodb/registry-layout.ts';
import { backfillStats } from '../../adapters/dynamodb/stats-backfill.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import { SqsStatsRefreshQueue } from '../../adapters/sqs/stats-refresh-queue.ts';

interface Options {
  table: string;
  endpoint?: string;
}

/**
 * `relais registry refile --table <registry table>`: for an AWS deployment upgrading from an older
 * blocking version, run once with the usual AWS credentials before the match queue resumes (the local
 * runtime does it at start by itself). Prints counts only: nothing about a child.
 */
interface BackfillOptions {
  registryTable: string;
  statsTable: string;
  queueUrl: string;
  endpoint?: string;
  sqsEndpoint?: string;
}

export function registerRegistry(program: Command): void {
  const registry = program.command('registry').description('Maintenance of the person registry');
  registry
    .command('backfill-stats')
    .description(
      'Queue a statistics refresh of every active person, once: for a deployment upgrading with data stored before the statistics projection',
    )
    .requiredOption('--registry-table <name>', 'the registry table (the stateful stack output)')
    .requiredOption('--stats-table <name>', 'the statistics table (the stateful stack output)')
    .requiredOption(
      '--queue-url <url>',
      'the statsRefresh queue URL (the functions read it in RELAIS_STATS_REFRESH_QUEUE_URL)',
    )
    .option('--endpoint <url>', 'a DynamoDB endpoint other than AWS')
    .option('--sqs-endpoint <url>', 'an SQS endpoint other than AWS')
    .action(async (options: BackfillOptions) => {
      const { client, doc } = createDynamoClients(options.endpoint ? { endpoint: options.endpoint } : {});
      const sqs = createSqsClient(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {});
      try {
        const queued = await backfillStats(
          doc,
          { registry: options.registryTable, stats: options.statsTable },
          new SqsStatsRefreshQueue(sqs, options.queueUrl),
        );
        process.stdout.write(queued === undefined ? 'already backfilled\n' : `${queued} persons queued\n`);
      } finally {
        client.destroy();
        sqs.destroy();
      }
    });
  registry
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
