/**
 * npm run bench:ingest — records/s through the batch endpoint end to end (HTTP → handler → normalise →
 * validate → conditional PutItem in dynalite on disk), and in the same run raw dynalite PutItem
 * throughput with the same item size and concurrency, and their ratio. Also the time until the registry
 * has matched everything (matching runs off the request path, through the SQS matching queue).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalApi } from '../../test/support/local-api.ts';
import { syntheticChildren } from './children.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const BATCH = 500;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
const CONCURRENCY = 16;

const dir = mkdtempSync(join(tmpdir(), 'relais-bench-ingest-'));
const api = await startLocalApi({ dataDir: dir });
try {
  const post = (body: string) =>
    api.request('POST', '/v1/sources/src_a-keyed/records', {
      headers: { 'content-type': 'application/json', 'x-api-key': api.keys.aSource },
      body,
    });
  // Warm-up: load handlers, open LevelDB files.
  await post(JSON.stringify(syntheticChildren(50, 1, 'warm-up')));

  const bodies = Array.from({ length: BATCHES }, (_, b) =>
    JSON.stringify(syntheticChildren(BATCH, 100 + b, `batch-${b}`)),
  );
  let t = performance.now();
  for (const body of bodies) {
    const res = await post(body);
    if (res.status !== 202) throw new Error(`batch answered ${res.status}`);
  }
  const endToEndSeconds = (performance.now() - t) / 1000;
  const endToEnd = (BATCH * BATCHES) / endToEndSeconds;
  // The registry matches off the request path; time until every queued record has been matched.
  await api.runtime.drain(600_000);
  const withMatchingSeconds = (performance.now() - t) / 1000;

  // Raw PutItem: items shaped like stored records, same concurrency as the ingest use case.
  const sample = JSON.parse(bodies[0]!)[0];
  const items = Array.from({ length: BATCH * BATCHES }, () => ({
    id: `raw_${randomUUID()}`,
    organisationId: 'org_raw',
    sourceId: 'src_raw',
    changeKey: `${new Date().toISOString()}#x`,
    record: sample,
  }));
  let next = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await api.runtime.dynamo.doc.send(new PutCommand({ TableName: api.runtime.tables.records!, Item: item }));
      }
    }),
  );
  const rawSeconds = (performance.now() - t) / 1000;
  const raw = items.length / rawSeconds;

  console.log(
    `records: ${BATCH * BATCHES} in ${BATCHES} batches of ${BATCH}; dynalite on disk; ${CONCURRENCY} concurrent writes`,
  );
  console.log(
    `end-to-end batch ingest : ${endToEnd.toFixed(0)} records/s (${endToEndSeconds.toFixed(2)} s, accepted and stored)`,
  );
  console.log(
    `... and matched         : ${((BATCH * BATCHES) / withMatchingSeconds).toFixed(0)} records/s (${withMatchingSeconds.toFixed(2)} s until the matching queue drained)`,
  );
  console.log(`raw dynalite PutItem    : ${raw.toFixed(0)} items/s (${rawSeconds.toFixed(2)} s)`);
  console.log(`ratio end-to-end / raw  : ${(endToEnd / raw).toFixed(2)}`);
} finally {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
