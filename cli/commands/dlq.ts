import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type UnreadableLetter, listDeadLetters, redriveDeadLetters } from '../../adapters/sqs/dead-letters.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import type { DeadLetter } from '../../schemas/api/dead-letters.ts';
import { CliError, EXIT } from '../errors.ts';

interface Options {
  dataDir: string;
  queueUrl?: string;
  dlqUrl?: string;
  endpoint?: string;
  referral?: string;
  json?: boolean;
}

/**
 * The referral delivery queue's DLQ, for operators: with a local runtime running, its queues are found in
 * <data dir>/runtime.json; on AWS, give --queue-url and --dlq-url (the stack's outputs) and the usual AWS
 * credentials. Messages hold ids only, so nothing printed here is child data.
 */
function queuesOf(opts: Options) {
  if (opts.queueUrl && opts.dlqUrl) {
    return {
      sqs: createSqsClient(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      url: opts.queueUrl,
      dlqUrl: opts.dlqUrl,
    };
  }
  const file = join(opts.dataDir, 'runtime.json');
  if (!existsSync(file)) {
    throw new CliError(
      `${file} does not exist: start Relais (npm start), or give --queue-url and --dlq-url`,
      EXIT.usage,
    );
  }
  const runtime = JSON.parse(readFileSync(file, 'utf8')) as {
    sqsEndpoint: string;
    queues: Record<string, { url: string; dlqUrl: string }>;
  };
  const queue = runtime.queues.referralDelivery!;
  return { sqs: createSqsClient({ endpoint: runtime.sqsEndpoint }), url: queue.url, dlqUrl: queue.dlqUrl };
}

/** Ids only, one line a dead letter (nothing at all when the DLQ is empty), or JSON. */
function print(rows: readonly DeadLetter[], json?: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  for (const r of rows) {
    process.stdout.write(
      `${r.referralId}  v${r.referralVersion} → ${r.recipientOrganisationId}  ${r.eventId}  sent ${r.sentAt}\n`,
    );
  }
  process.stderr.write(`${rows.length} dead letter(s)\n`);
}

export function registerDlq(program: Command): void {
  const dlq = program
    .command('dlq')
    .description('Inspect and redrive undeliverable referral events (ids only, no child data)');
  const common = (c: Command) =>
    c
      .option('-d, --data-dir <dir>', 'data directory of the running local runtime', '.relais')
      .option('--queue-url <url>', 'the referral delivery queue (on AWS)')
      .option('--dlq-url <url>', 'its dead-letter queue (on AWS)')
      .option('--endpoint <url>', 'an SQS endpoint other than AWS')
      .option('--json', 'print JSON');
  common(dlq.command('list').description('List the dead letters, oldest first per referral')).action(
    async (opts: Options) => {
      const { sqs, dlqUrl } = queuesOf(opts);
      // On stderr: not a referral event, so no line of the list, but an operator must know it is there.
      const unreadable = (u: UnreadableLetter) =>
        process.stderr.write(
          `unreadable message ${u.messageId} (sent ${u.sentAt}): no referral event, left in the DLQ\n`,
        );
      print(await listDeadLetters(sqs, dlqUrl, 100, unreadable), opts.json);
    },
  );
  common(dlq.command('show <referralId>').description("Show one referral's dead letters")).action(
    async (referralId: string, opts: Options) => {
      const { sqs, dlqUrl } = queuesOf(opts);
      const letters = (await listDeadLetters(sqs, dlqUrl)).filter((l) => l.referralId === referralId);
      if (letters.length === 0) throw new CliError(`no dead letter for ${referralId}`, EXIT.failed);
      print(letters, true);
    },
  );
  common(
    dlq
      .command('redrive')
      .description('Send dead letters back for delivery, in order per referral, each with a fresh retry schedule')
      .option('--referral <id>', 'only this referral'),
  ).action(async (opts: Options) => {
    const { sqs, url, dlqUrl } = queuesOf(opts);
    const moved = await redriveDeadLetters(sqs, dlqUrl, url, (l) => !opts.referral || l.referralId === opts.referral);
    print(moved, opts.json);
  });
}
