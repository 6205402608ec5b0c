import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../adapters/dynamodb/client.ts';
import { ensureTables } from '../../adapters/dynamodb/create-tables.ts';
import { recordItem } from '../../adapters/dynamodb/record-store.ts';
import { DynamoStatsStore, childItem } from '../../adapters/dynamodb/stats-store.ts';
import { startDynalite } from '../../adapters/local/dynalite-server.ts';
import { type SdkRequest, observeSdkRequests } from '../../adapters/sdk-requests.ts';
import { recordIdFor } from '../../core/records/record-id.ts';
import { ageSets } from '../../core/stats/age-sets.ts';
import { childFacts } from '../../core/stats/facts.ts';
import { statisticsReport } from '../../core/stats/publish.ts';
import { buildReport } from '../../core/stats/report.ts';
import { CanonicalRecord } from '../../schemas/canonical/record.ts';
import { PRICES } from '../dedup/aws-cost.ts';
import { syntheticChildren } from '../ingest/children.ts';
import { seededRandom } from '../support/random.ts';

/**
 * What one national statistics report costs, against what it would cost to count from the records:
 * on dynalite, N children each with a row in the stats table and a record in the records table, then
 * (1) one national report as GET /v1/stats computes it the first time (the projection's parallel Scan,
 * buildReport, the publication written), and (2) one parallel Scan of the records table, which is what
 * counting without the projection would read at the least. Requests are counted by the SDK hook, read
 * units as DynamoDB (dynalite) reports them. One run; the sizes are set so that it takes a few minutes.
 */

const SIZES = (process.env.BENCH_STATS_SIZES ?? '10000,100000').split(',').map(Number);
const ORGANISATIONS = ['org_avsi', 'org_war-child', 'org_divas', 'org_unicef', 'org_save-the-children'];
const CONCURRENCY = 8;
const policy = { k: 5, grid: 'quarter' as const, ageSets: ageSets() };
const request = { from: '2026-01-01', to: '2026-03-31', by: ['sex', 'ageBracket'] as const, view: 'all' as const };

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function seed(n: number) {
  const random = seededRandom(n);
  const day = () => `2026-0${1 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  return syntheticChildren(n, 12, 'bench-stats').map((input, i) => {
    const record = CanonicalRecord.parse({
      schemaVersion: '1',
      id: recordIdFor('src_bench', input.sourceRecordId),
      organisationId: ORGANISATIONS[i % ORGANISATIONS.length],
      person: input.person,
      case: { ...input.case, registrationDate: day() },
      provenance: {
        sourceId: 'src_bench',
        sourceRecordId: input.sourceRecordId,
        mappingVersion: 'kobotoolbox@1',
        receivedAt: '2026-04-01T00:00:00.000Z',
        contentHash: String(i).padStart(64, '0'),
      },
      storedAt: '2026-04-01T00:00:00.000Z',
    });
    return {
      record,
      facts: childFacts(`per_${String(i).padStart(26, 'a')}`, [{ record, mappingAsksReportingConsent: false }]),
    };
  });
}

interface Measure {
  millis: number;
  requests: number;
  readUnits: number;
}

async function measure(work: () => Promise<number>): Promise<Measure> {
  let requests = 0;
  const stop = observeSdkRequests((r: SdkRequest) => {
    if (r.service === 'DynamoDB') requests++;
  });
  const started = performance.now();
  const readUnits = await work();
  const millis = performance.now() - started;
  stop();
  return { millis, requests, readUnits };
}

const usd = (units: number) => (units * PRICES.dynamoReadUnits) / 1_000_000;

async function run(n: number) {
  const server = await startDynalite({ thread: true });
  const { client, doc } = createDynamoClients({ endpoint: server.endpoint });
  const tables = await ensureTables(client, 'bench-');
  const children = seed(n);
  const stats = new DynamoStatsStore(doc, tables.stats);
  const seeding = performance.now();
  // Seeded in batches, with the stores' own item layouts: the seeding is not what is measured.
  const batches: Array<{ table: string; items: Array<Record<string, unknown>> }> = [];
  for (let i = 0; i < children.length; i += 25) {
    const slice = children.slice(i, i + 25);
    batches.push({ table: tables.records, items: slice.map((c) => recordItem(c.record)) });
    batches.push({ table: tables.stats, items: slice.map((c) => childItem(c.facts)) });
  }
  await inParallel(batches, async ({ table, items }) => {
    let pending: Array<Record<string, unknown>> = items;
    while (pending.length) {
      const result = await doc.send(
        new BatchWriteCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }),
      );
      pending = (result.UnprocessedItems?.[table] ?? []).map((r) => r.PutRequest!.Item!);
    }
  });
  const seededIn = (performance.now() - seeding) / 1000;

  const report = await measure(async () => {
    const before = stats.consumedReadUnits;
    const { report: r } = await statisticsReport(
      {
        stats,
        clock: { now: () => new Date('2026-04-02T00:00:00Z') },
        settings: { policy, organisationViewers: new Set() },
      },
      { organisationId: 'org_avsi' },
      { ...request, by: [...request.by] },
    );
    if (r.children.count !== n) throw new Error(`the report counted ${r.children.count} children of ${n}`);
    return stats.consumedReadUnits - before;
  });
  const scan = await measure(async () => {
    let units = 0;
    let items = 0;
    await Promise.all(
      Array.from({ length: 4 }, async (_, segment) => {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await doc.send(
            new ScanCommand({
              TableName: tables.records,
              Segment: segment,
              TotalSegments: 4,
              ConsistentRead: true,
              ExclusiveStartKey: start,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          units += page.ConsumedCapacity?.CapacityUnits ?? 0;
          items += page.Items?.length ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
    if (items !== n) throw new Error(`the scan read ${items} records of ${n}`);
    return units;
  });
  // buildReport's own time, in memory: what the function spends besides waiting on DynamoDB.
  const { children: rows, referrals } = await stats.readAll();
  const cpu = performance.now();
  buildReport(
    rows,
    referrals,
    { ...request, by: [...request.by], organisationId: 'org_avsi' },
    policy,
    new Date('2026-04-02T00:00:00Z'),
  );
  const cpuMillis = performance.now() - cpu;
  client.destroy();
  await server.close();
  return { n, seededIn, report, scan, cpuMillis };
}

console.log(
  '# bench:stats: one national report (Q1 2026, by sex and age bracket) on dynalite, vs a full Scan of records\n',
);
console.log(
  '| children | report: time | requests | read units | records Scan: time | requests | read units | read units ratio | buildReport CPU |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const results = [];
for (const n of SIZES) {
  const r = await run(n);
  results.push(r);
  console.log(
    `| ${n.toLocaleString('en')} | ${r.report.millis.toFixed(0)} ms | ${r.report.requests} | ${r.report.readUnits.toFixed(0)} | ${r.scan.millis.toFixed(0)} ms | ${r.scan.requests} | ${r.scan.readUnits.toFixed(0)} | ${(r.scan.readUnits / r.report.readUnits).toFixed(1)}× | ${r.cpuMillis.toFixed(0)} ms |`,
  );
  console.error(`  (seeded ${n} records and rows in ${r.seededIn.toFixed(0)} s)`);
}
const largest = results.at(-1)!;
const unitsPerChild = largest.report.readUnits / largest.n;
const scanUnitsPerChild = largest.scan.readUnits / largest.n;
console.log(
  `\nAWS, eu-west-1 on-demand reads ($${PRICES.dynamoReadUnits} per million read request units; a strongly consistent Scan reads 1 unit per 4 KB), from the ${largest.n.toLocaleString('en')}-children run (${unitsPerChild.toFixed(3)} units per child; records ${scanUnitsPerChild.toFixed(3)}):`,
);
for (const children of [100_000, 1_000_000]) {
  const units = unitsPerChild * children;
  const scanUnits = scanUnitsPerChild * children;
  console.log(
    `- ${children.toLocaleString('en')} children: a national report reads ~${Math.round(units).toLocaleString('en')} units = $${usd(units).toFixed(4)} (first publication only; a published table is 1 read), vs $${usd(scanUnits).toFixed(4)} to Scan the records; buildReport ~${((largest.cpuMillis * children) / largest.n / 1000).toFixed(1)} s of CPU.`,
  );
}
console.log(
  '- Eventually consistent Scans would halve both; an own-organisation report reads the same rows (it is not published, so every request pays).',
);
