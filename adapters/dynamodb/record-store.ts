import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { PutOutcome, RecordPage, RecordQuery, RecordStore } from '../../core/ports.ts';
import { changeKey, laterThan, orderKey, supersedes } from '../../core/records/ordering.ts';
import type { CanonicalRecord } from '../../schemas/canonical/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * Records table: one item per (source, source record), keyed by the derived record id. The index
 * attributes (organisationId, sourceId, changeKey) feed the two GSIs used for incremental sync.
 */
/** A record's item: the record and the attributes its key and indexes need (bench:stats seeds with it too). */
export const recordItem = (record: CanonicalRecord) => ({
  id: record.id,
  organisationId: record.organisationId,
  sourceId: record.provenance.sourceId,
  changeKey: changeKey(record),
  orderKey: orderKey(record),
  contentHash: record.provenance.contentHash,
  record,
});

/** Writes lost to concurrent writers of the same record before giving up (each loss means a newer write won). */
const MAX_PUTS = 5;

export class DynamoRecordStore implements RecordStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(record: CanonicalRecord): Promise<PutOutcome> {
    let candidate = record;
    for (let attempt = 0; attempt < MAX_PUTS; attempt++) {
      try {
        const result = await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: recordItem(candidate),
            // One conditional write decides: new item, or strictly newer content. Concurrent and
            // out-of-order deliveries of the same versions therefore always end in the same state. The
            // change key may only move forward, so a sync by updatedSince never misses a replacement.
            ConditionExpression:
              'attribute_not_exists(id) OR (orderKey < :orderKey AND contentHash <> :contentHash AND changeKey < :changeKey)',
            ExpressionAttributeValues: {
              ':orderKey': orderKey(candidate),
              ':contentHash': candidate.provenance.contentHash,
              ':changeKey': changeKey(candidate),
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return result.Attributes ? 'updated' : 'created';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { id: record.id }, ConsistentRead: true }),
      );
      const stored = Item?.record as CanonicalRecord | undefined;
      if (!stored) continue;
      if (!supersedes(record, stored)) return 'unchanged';
      // Newer content, received before the stored version was written (two pushes crossing): stored just
      // after it, so that storedAt never goes back (see laterThan).
      candidate = { ...record, storedAt: laterThan(record.storedAt, stored.storedAt) };
    }
    throw new RelaisError('unavailable', 'storage-unavailable', [], 1);
  }

  async get(id: string): Promise<CanonicalRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return result.Item?.record as CanonicalRecord | undefined;
  }

  async list(query: RecordQuery): Promise<RecordPage> {
    const bySource = query.sourceId !== undefined;
    const partition = bySource
      ? { name: 'sourceId', value: query.sourceId! }
      : { name: 'organisationId', value: query.organisationId };
    // A GSI's LastEvaluatedKey holds the table key and the index key.
    const start = query.cursor
      ? decodeCursor(query.cursor, {
          keys: ['id', partition.name, 'changeKey'],
          mustMatch: { [partition.name]: partition.value },
        })
      : undefined;
    if (query.cursor && !start) throw new RelaisError('bad-request', 'invalid-cursor');
    // '~' sorts after every character of a record id, so the bound excludes the instant itself.
    const since = query.updatedSince ? `${new Date(query.updatedSince).toISOString()}#~` : undefined;

    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: bySource ? 'bySource' : 'byOrganisation',
        KeyConditionExpression: since ? '#p = :p AND changeKey > :since' : '#p = :p',
        // A source id belongs to one organisation; the filter keeps the query scoped even if it is not the caller's.
        ...(bySource ? { FilterExpression: 'organisationId = :org' } : {}),
        ExpressionAttributeNames: { '#p': partition.name },
        ExpressionAttributeValues: {
          ':p': partition.value,
          ...(since ? { ':since': since } : {}),
          ...(bySource ? { ':org': query.organisationId } : {}),
        },
        Limit: query.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => item.record as CanonicalRecord);
    const nextCursor = result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : undefined;
    return nextCursor ? { items, nextCursor } : { items };
  }
}
