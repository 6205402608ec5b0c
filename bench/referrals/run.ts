/**
 * npm run bench:referrals [-- --count 300 --rounds 5 --concurrency 8] — referrals delivered end to end on the local
 * runtime as `npm start` runs it (dynalite on disk, local-aws-sqs journaled on disk, the production
 * handlers), against raw local-aws-sqs round trips, with per-referral latency and the DynamoDB and SQS
 * requests each referral costs, counted by an SDK middleware (adapters/sdk-requests.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { startLocalSqs } from '../../adapters/local/sqs-server.ts';
import { type SdkRequest, observeSdkRequests } from '../../adapters/sdk-requests.ts';
import { createSqsClient } from '../../adapters/sqs/client.ts';
import { currentFunctionName } from '../../functions/platform/invocation-log.ts';
import { RECEIVER, startLocalRelais } from '../support/local-relais.ts';
import { startPartners } from '../support/partners-client.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    // Pollers per queue, each playing one concurrent Lambda consumer; unset, the runtime's own default.
    consumers: { type: 'string' },
  },
});
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const CONCURRENCY = Number(args.concurrency);
// Both sides warm up on as many round trips before any is timed: the first hundred of either run slower
// while the JIT compiles their paths, and a short warm-up left that in Relais's first round only.
const WARM_UP = 100;
const TIMEOUT_MS = 120_000;

/** A fictional child in the service's area, with consent naming the receiver, as a case app sends it. */
const referralBody = () => {
  const now = Date.now();
  return {
    to: { serviceType: 'psychosocial' },
    child: {
      person: {
        name: { given: 'Furaha', family: 'Mbuyi' },
        sex: 'female',
        birthDate: { value: '2014-02', precision: 'month' },
        caregivers: [{ relationship: 'aunt_uncle', name: { given: 'Esther' } }],
        location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi' },
      },
    },
    reason: 'Enfant séparée de sa famille',
    protectionConcerns: ['separated'],
    priority: 'urgent',
    referringCaseId: 'BENCH-0001',
    consent: {
      basis: 'consent',
      caregiverConsent: true,
      childAssent: true,
      childAgeAtConsent: 12,
      givenAt: new Date(now - 3_600_000).toISOString(),
      recordedBy: 'CW-001',
      recipients: [RECEIVER],
      categories: ['identity', 'sex', 'age', 'location', 'caregivers'],
      purposes: ['psychosocial'],
      validUntil: new Date(now + 180 * 86_400_000).toISOString(),
    },
  };
};

/** Runs `count` tasks with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.ceil(q * xs.length) - 1] ?? Number.NaN;

/*
 * Which path a request belongs to. The POST path is every request the createReferral invocation makes
 * (API key, routing, the SendMessage, the referral's PutItem with its "queued" fact). The delivery path is the deliverReferralEvents invocation plus what Lambda's event-source mapping
 * does for it, played locally by the poller: a ReceiveMessage that brought messages and the deletes. An
 * empty long poll is idle cost, paid whether referrals flow or not; the runtime's backlog and drain
 * checks (GetQueueAttributes) and the matching queue's pollers are neither path.
 */
type Path = 'post' | 'delivery' | 'idle' | 'other';
const MAPPING_COMMANDS = new Set(['ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility']);
const pathOf = (r: SdkRequest, fn: string | undefined, deliveryQueueUrl: string): Path => {
  if (fn === 'createReferral') return 'post';
  if (fn === 'deliverReferralEvents') return 'delivery';
  if (r.command === 'ReceiveMessage' && r.received === 0) return 'idle';
  if (fn === undefined && r.resource === deliveryQueueUrl && MAPPING_COMMANDS.has(r.command)) return 'delivery';
  return 'other';
};

const dir = mkdtempSync(join(tmpdir(), 'relais-bench-referrals-'));
const relais = await startLocalRelais({
  dataDir: join(dir, 'relais'),
  ...(args.consumers ? { consumersPerQueue: Number(args.consumers) } : {}),
});
// The case app and the receiver's endpoint are other machines: they run on a thread of their own.
const partners = await startPartners();
const counts: Record<Path, Map<string, number>> = {
  post: new Map(),
  delivery: new Map(),
  idle: new Map(),
  other: new Map(),
};
let stopCounting: (() => void) | undefined;
let relaisClosed = false;
try {
  const { request, keys } = relais;
  const service = await request('POST', '/v1/admin/services', keys.receiverAdmin, {
    name: { fr: 'Appui psychosocial', en: 'Psychosocial support' },
    type: 'psychosocial',
    status: 'active',
    eligibility: { minimumAge: 0, maximumAge: 17 },
    languages: ['fra', 'swa'],
    serviceAreas: [{ country: 'CD', province: 'Lualaba' }],
    focalPoint: { role: 'Chargé de protection', email: 'protection@bench.example.org' },
  });
  if (service.status !== 201) throw new Error(`creating the service answered ${service.status}`);
  const channel = await request('PUT', '/v1/admin/delivery-channel', keys.receiverAdmin, {
    kind: 'webhook',
    url: await partners.url(),
  });
  if (channel.status !== 200) throw new Error(`configuring the channel answered ${channel.status}`);
  await partners.useSecret(channel.body!.signingSecret!);
  const run = (label: string, count: number) =>
    partners.refer({
      url: relais.runtime.url,
      key: keys.referrer,
      body: referralBody(),
      label,
      count,
      concurrency: CONCURRENCY,
    });

  // Warm-up: load every handler, open the LevelDB files, and let the queues settle before counting.
  await run('warm-up', WARM_UP);
  await partners.waitFor('referral.requested', WARM_UP, TIMEOUT_MS);
  await relais.runtime.drain(TIMEOUT_MS);

  // Raw local-aws-sqs: the same number of send + receive + delete round trips of a message the size of the
  // webhook body, on a FIFO queue journaled on disk and served on its own thread as the runtime's queues are,
  // at the same concurrency. It runs beside the idle runtime, each round right after Relais's, so that both
  // sides of a ratio meet the machine in the same state.
  const bodyBytes = (await partners.receipts())[0]!.bytes;
  const rawServer = await startLocalSqs({ journalDir: join(dir, 'raw-queues'), thread: true });
  const sqs = createSqsClient({ endpoint: rawServer.endpoint });
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: 'bench-raw.fifo', Attributes: { FifoQueue: 'true', VisibilityTimeout: '30' } }),
  );
  await rawServer.restore(); // from here on every change of the queue is journaled
  const message = 'x'.repeat(bodyBytes);
  let sent = 0;
  const rawRound = async (count: number) => {
    const started = performance.now();
    await pool(count, CONCURRENCY, async () => {
      const i = sent++;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: message,
          MessageGroupId: `g${i}`,
          MessageDeduplicationId: `m${i}`,
        }),
      );
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }),
        );
        if (Messages[0]) {
          await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0].ReceiptHandle }));
          return;
        }
      }
    });
    return (performance.now() - started) / 1000;
  };
  await rawRound(WARM_UP);

  const deliveryQueueUrl = relais.runtime.queues.referralDelivery!.url;
  const count = (r: SdkRequest) => {
    const map = counts[pathOf(r, currentFunctionName(), deliveryQueueUrl)];
    // Tables and queues by their short name: `relais-referrals` → referrals.
    const where = (r.resource ?? '')
      .split('/')
      .pop()!
      .replace(/(^|\+)relais-/g, '$1')
      .replace(/\.fifo$/, '');
    const key = `${r.service} ${r.command} ${where || '—'}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const rounds: { relais: number; raw: number }[] = [];
  const endToEnd: number[] = [];
  const postOnly: number[] = [];
  let received = WARM_UP;
  for (let round = 0; round < ROUNDS; round++) {
    stopCounting = observeSdkRequests(count);
    const t0 = performance.timeOrigin + performance.now();
    const { started, answered, ids } = await run(`round-${round + 1}`, COUNT);
    received += COUNT;
    await partners.waitFor('referral.requested', received, TIMEOUT_MS);
    const timed = (await partners.receipts()).slice(received - COUNT);
    const relaisSeconds = (Math.max(...timed.map((r) => r.answeredAt)) - t0) / 1000;
    // The last deliveries record their outcome and are deleted after the receiver answered: count those too.
    await relais.runtime.drain(TIMEOUT_MS);
    stopCounting();
    stopCounting = undefined;
    const receivedAt = new Map(timed.map((r) => [r.referralId, r.answeredAt]));
    endToEnd.push(...ids.map((id, i) => receivedAt.get(id)! - started[i]!));
    postOnly.push(...answered.map((a, i) => a - started[i]!));
    rounds.push({ relais: COUNT / relaisSeconds, raw: COUNT / (await rawRound(COUNT)) });
  }
  const refused = await partners.refused();
  if (refused > 0) throw new Error(`${refused} deliveries did not verify`);
  sqs.destroy();
  await rawServer.close();
  await relais.close();
  relaisClosed = true;

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const sum = (m: Map<string, number>, service?: string) =>
    [...m.entries()].filter(([k]) => !service || k.startsWith(`${service} `)).reduce((a, [, v]) => a + v, 0);
  const referrals = COUNT * ROUNDS;
  const per = (n: number) => (n > 0 && n / referrals < 0.005 ? '< 0.01' : (n / referrals).toFixed(2));
  const ratios = rounds.map((r) => r.relais / r.raw);
  const median = quantile(ratios, 0.5);

  console.log(
    `## Referrals end to end: ${ROUNDS} rounds of ${COUNT} referrals, ${CONCURRENCY} concurrent POSTs, ` +
      `${args.consumers ?? 'the default'} delivery consumers, local runtime on disk\n\n` +
      `Each round: Relais until the receiver verified all ${COUNT} referral.requested, then raw local-aws-sqs ` +
      `(send + receive + delete, FIFO, journaled, ${bodyBytes} B bodies) for as many messages.\n\n` +
      `| round | Relais referrals/s | raw local-aws-sqs messages/s | ratio |\n| --- | --- | --- | --- |\n` +
      rounds
        .map((r, i) => `| ${i + 1} | ${r.relais.toFixed(1)} | ${r.raw.toFixed(1)} | ${ratios[i]!.toFixed(2)} |`)
        .join('\n') +
      `\n\n| measure | value |\n| --- | --- |\n` +
      `| ratio Relais / raw SQS, median of the rounds | ${median.toFixed(2)} (lowest ${Math.min(...ratios).toFixed(2)}, highest ${Math.max(...ratios).toFixed(2)}; target ≥ 0.3) |\n` +
      `| POST start → receiver's 2xx, all rounds | p50 ${ms(quantile(endToEnd, 0.5))}, p95 ${ms(quantile(endToEnd, 0.95))} |\n` +
      `| POST start → 201, all rounds | p50 ${ms(quantile(postOnly, 0.5))}, p95 ${ms(quantile(postOnly, 0.95))} |\n`,
  );

  /*
   * What bounds the count. The POST makes a fixed number of requests whatever the load: GetItem on the
   * directory (the API key, read at every request so that a revoked key is refused at once), SendMessage of
   * its event, then the conditional PutItem of the referral, which records the "queued" fact in the same
   * item: 3. The Query on services (the partners' services of the type) happens at most once every 10 s
   * per function (core/services/routing-cache.ts). (A retry with the same Idempotency-Key adds a Query; a
   * child taken from a stored record adds its GetItem and the registry link's.) Each delivery: Query on referrals
   * (the referral and its facts), then one BatchWriteItem of the attempt's log line and the "delivered"
   * fact (adapters/dynamodb/attempt-recorder.ts): 2.
   * The channel's GetItem happens at most once every 10 s per recipient (core/delivery/channel-cache.ts),
   * and the attempt counter's UpdateItem only for an attempt that fails or a message received again, such
   * as one that came before its referral's write and waited 2 s (then a ChangeMessageVisibility too). The
   * event-source mapping's share varies: one ReceiveMessage brings up to the batch size (4) and one
   * DeleteMessageBatch removes them, so it lies between 0.5 (full batches, under load) and 2 (one referral
   * at a time) per referral. Hence 5.5 under load to 7 one at a time, unless the use cases change.
   */
  const table = ['post', 'delivery'] as const;
  const label = { post: 'POST /v1/referrals', delivery: 'delivery' };
  console.log(`## Requests per referral (counted by an SDK middleware)\n`);
  console.log('| path | service | command | table or queue | per referral |\n| --- | --- | --- | --- | --- |');
  for (const path of table) {
    for (const [key, n] of [...counts[path].entries()].sort()) {
      const [service, command, where] = key.split(' ');
      console.log(`| ${label[path]} | ${service} | ${command} | ${where} | ${per(n)} |`);
    }
  }
  for (const path of table) {
    console.log(
      `| ${label[path]} | all | | | ${per(sum(counts[path]))} (DynamoDB ${per(sum(counts[path], 'DynamoDB'))}, SQS ${per(sum(counts[path], 'SQS'))}) |`,
    );
  }
  const total = sum(counts.post) + sum(counts.delivery);
  console.log(`| **total** | | | | **${per(total)}** (target ≤ 8) |\n`);
  console.log(
    `Not per referral: ${sum(counts.idle)} empty long polls of the local pollers, ${sum(counts.other)} other ` +
      `requests (the runtime's backlog and drain checks) during the counted window.`,
  );
} finally {
  stopCounting?.();
  await partners.close();
  if (!relaisClosed) await relais.close();
  rmSync(dir, { recursive: true, force: true });
}
