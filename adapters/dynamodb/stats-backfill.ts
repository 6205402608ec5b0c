import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StatsRefreshQueue } from '../../core/stats/ports.ts';

const MARKER = { pk: 'meta#backfill' };
const VERSION = 1;
const SEND_CHUNK = 100;

/**
 * Queues a statistics refresh for every active person of the registry, once: the projection starts empty
 * on data stored before it existed, and is kept up to date only from changes after. The marker is written
 * last, so a run cut short is run again whole (a refresh twice is harmless). The local runtime calls it at
 * start, before the consumers run. Returns how many persons were queued, or undefined when it was done.
 */
export async function backfillStats(
  doc: DynamoDBDocumentClient,
  tables: { registry: string; stats: string },
  queue: StatsRefreshQueue,
): Promise<number | undefined> {
  const marker = await doc.send(new GetCommand({ TableName: tables.stats, Key: MARKER, ConsistentRead: true }));
  if (marker.Item?.version === VERSION) return undefined;
  const active: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tables.registry,
        ConsistentRead: true,
        FilterExpression: 'sk = :person',
        ExpressionAttributeValues: { ':person': 'person' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const person = item.doc as { id: string; status: string };
      if (person.status === 'active') active.push(person.id);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  for (let i = 0; i < active.length; i += SEND_CHUNK)
    await queue.refresh(active.slice(i, i + SEND_CHUNK).map((personId) => ({ personId })));
  await doc.send(new PutCommand({ TableName: tables.stats, Item: { ...MARKER, version: VERSION } }));
  return active.length;
}
