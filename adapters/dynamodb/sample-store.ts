import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../core/ports.ts';
import {
  SAMPLES_PER_OUTCOME,
  SAMPLE_TTL_SECONDS,
  type SampleStore,
  type SourceSample,
  newestFirst,
} from '../../core/mapping/sample-store.ts';

const SLOT = 'SLOT#';

/**
 * Samples in the samples table, one partition per source. A counter per outcome hands out slots in turn
 * (one atomic UpdateItem), then the sample overwrites its slot (one PutItem): two small writes, with no read,
 * and at most SAMPLES_PER_OUTCOME slot items per outcome whatever the traffic. The payload is kept as JSON
 * text: a partner's keys (empty, or with any character) and numbers come back exactly as they were.
 * Every item carries its expiry for TTL; reads skip expired ones, since TTL deletes them only eventually.
 */
export class DynamoSampleStore implements SampleStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async put(sample: SourceSample): Promise<void> {
    const expiration = Math.floor(Date.parse(sample.receivedAt) / 1000) + SAMPLE_TTL_SECONDS;
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: sample.sourceId, sk: `ROUND#${sample.outcome}` },
        UpdateExpression: 'ADD turns :one SET expiration = :expiration',
        ExpressionAttributeValues: { ':one': 1, ':expiration': expiration },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const slot = (Number(Attributes?.turns) - 1) % SAMPLES_PER_OUTCOME;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: sample.sourceId,
          sk: `${SLOT}${sample.outcome}#${slot}`,
          outcome: sample.outcome,
          receivedAt: sample.receivedAt,
          mappingVersion: sample.mappingVersion,
          payload: JSON.stringify(sample.payload),
          ...(sample.errors ? { errors: sample.errors } : {}),
          expiration,
        },
      }),
    );
  }

  async list(sourceId: string): Promise<SourceSample[]> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    // At most three outcomes of ten slots: one page in practice, but a page is never assumed.
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
          ExpressionAttributeValues: { ':pk': sourceId, ':slot': SLOT },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items
      .filter((item) => (item.expiration as number) > now)
      .map((item): SourceSample => ({
        sourceId,
        outcome: item.outcome as SourceSample['outcome'],
        receivedAt: item.receivedAt as string,
        mappingVersion: item.mappingVersion as string,
        payload: JSON.parse(item.payload as string) as unknown,
        ...(item.errors ? { errors: item.errors as SourceSample['errors'] } : {}),
      }))
      .sort(newestFirst);
  }
}
