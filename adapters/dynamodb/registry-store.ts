import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { RelaisError } from '../../core/errors/relais-error.ts';
import { AuditEvent, RecordLink, RegistryPerson, ReviewItem } from '../../core/registry/model.ts';
import { decodeHistoryCursor, encodeHistoryCursor, historyOrder } from '../../core/registry/history-cursor.ts';
import {
  BLOCK_CAPACITY,
  type AuditPage,
  type AuditQuery,
  type BlockHit,
  type RegistryStore,
  type ReviewPage,
  type ReviewQuery,
} from '../../core/registry/ports.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * The registry table. Items, all written one at a time with a condition (no transactions):
 *   record#<recordId> / link          which person holds a record
 *   person#<personId> / person        the person, its members and their match subjects
 *   block#<key> / block               a blocking key's persons: a string set `persons`, and `full` once it
 *                                     reached BLOCK_CAPACITY
 *   person#<personId> / audit#<id>    an audit event (ids are derived, so a retry writes the same item);
 *                                     GSI byPersonHistory (auditPerson, auditOrder) reads it in time order
 *   review#<reviewId> / review        a review item; GSI byReviewStatus (reviewStatus, reviewOrder)
 *   meta#registry / layout            the blocking version the blocks were filed under (registry-layout.ts)
 * Documents are kept whole under `doc`; `version` sits beside it for the optimistic-concurrency condition.
 *
 * Blocks live in the base table, not in an index, because matching's concurrency argument needs a read
 * that sees every completed write: a GSI is only eventually consistent, a BatchGetItem with
 * ConsistentRead is not. Adding to a set and removing from it are idempotent, so a retried write is
 * harmless; one lookup is one BatchGetItem per hundred keys.
 */
const BATCH_GET = 100;
/** Block writes in flight at once for one person: enough to hide latency, few enough not to throttle. */
const BLOCK_WRITES_IN_FLIGHT = 8;
const blockKey = (key: string) => ({ pk: `block#${key}`, sk: 'block' });
const MAX_BATCH_ROUNDS = 8;

const CREATE = 'attribute_not_exists(pk)';
/** Unprocessed batch items are retried after an exponential pause, as DynamoDB asks. */
const backoff = (round: number): Promise<void> =>
  round === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 2 ** round * 25));
const SAME_VERSION = '#version = :expected';

export class DynamoRegistryStore implements RegistryStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getLink(recordId: string): Promise<RecordLink | undefined> {
    const result = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `record#${recordId}`, sk: 'link' },
        ConsistentRead: true,
      }),
    );
    return result.Item ? RecordLink.parse(result.Item.doc) : undefined;
  }

  async getLinks(recordIds: readonly string[]): Promise<RecordLink[]> {
    const items = await this.batchGet([...new Set(recordIds)].map((id) => ({ pk: `record#${id}`, sk: 'link' })));
    return items.map((item) => RecordLink.parse(item.doc));
  }

  putLink(link: RecordLink, expectedVersion?: number): Promise<boolean> {
    return this.conditionalPut(
      { pk: `record#${link.recordId}`, sk: 'link', version: link.version, doc: link },
      expectedVersion,
    );
  }

  async getPerson(id: string): Promise<RegistryPerson | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `person#${id}`, sk: 'person' }, ConsistentRead: true }),
    );
    return result.Item ? RegistryPerson.parse(result.Item.doc) : undefined;
  }

  async getPersons(ids: readonly string[]): Promise<RegistryPerson[]> {
    const items = await this.batchGet([...new Set(ids)].map((id) => ({ pk: `person#${id}`, sk: 'person' })));
    return items.map((item) => RegistryPerson.parse(item.doc));
  }

  putPerson(person: RegistryPerson, expectedVersion?: number): Promise<boolean> {
    return this.conditionalPut(
      { pk: `person#${person.id}`, sk: 'person', version: person.version, doc: person },
      expectedVersion,
    );
  }

  async indexPerson(personId: string, keys: readonly string[]): Promise<void> {
    await inTurns([...new Set(keys)], BLOCK_WRITES_IN_FLIGHT, async (key) => {
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: blockKey(key),
            UpdateExpression: 'ADD #persons :ids',
            // Grows while below capacity; a full block takes nobody more (see BLOCK_CAPACITY).
            ConditionExpression:
              'attribute_not_exists(#full) AND (attribute_not_exists(#persons) OR size(#persons) < :cap OR contains(#persons, :id))',
            ExpressionAttributeNames: { '#persons': 'persons', '#full': 'full' },
            ExpressionAttributeValues: { ':ids': new Set([personId]), ':id': personId, ':cap': BLOCK_CAPACITY },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: blockKey(key),
            UpdateExpression: 'SET #full = :full',
            ExpressionAttributeNames: { '#full': 'full' },
            ExpressionAttributeValues: { ':full': true },
          }),
        );
      }
    });
  }

  async unindexPerson(personId: string, keys: readonly string[]): Promise<void> {
    await inTurns([...new Set(keys)], BLOCK_WRITES_IN_FLIGHT, async (key) => {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: blockKey(key),
          UpdateExpression: 'DELETE #persons :ids',
          ExpressionAttributeNames: { '#persons': 'persons' },
          ExpressionAttributeValues: { ':ids': new Set([personId]) },
        }),
      );
    });
  }

  async lookup(keys: readonly string[], maxPerKey: number): Promise<BlockHit[]> {
    const unique = [...new Set(keys)];
    const items = await this.batchGet(unique.map(blockKey));
    const byKey = new Map(items.map((item) => [String(item.pk).slice('block#'.length), item]));
    return unique.map((key) => {
      const item = byKey.get(key);
      const persons = item?.persons instanceof Set ? [...(item.persons as Set<string>)] : [];
      const overflow = item?.full === true || persons.length > maxPerKey;
      return { key, personIds: overflow ? persons.slice(0, maxPerKey + 1) : persons, overflow };
    });
  }

  async getReview(id: string): Promise<ReviewItem | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `review#${id}`, sk: 'review' }, ConsistentRead: true }),
    );
    return result.Item ? ReviewItem.parse(result.Item.doc) : undefined;
  }

  putReview(review: ReviewItem, expectedVersion?: number): Promise<boolean> {
    return this.conditionalPut(
      {
        pk: `review#${review.id}`,
        sk: 'review',
        version: review.version,
        reviewStatus: review.status,
        reviewOrder: `${review.createdAt}#${review.id}`,
        doc: review,
      },
      expectedVersion,
    );
  }

  async listReviews(query: ReviewQuery): Promise<ReviewPage> {
    const start = query.cursor
      ? decodeCursor(query.cursor, {
          keys: ['pk', 'sk', 'reviewStatus', 'reviewOrder'],
          mustMatch: { reviewStatus: query.status },
        })
      : undefined;
    if (query.cursor && !start) throw new RelaisError('bad-request', 'invalid-cursor');
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byReviewStatus',
        KeyConditionExpression: 'reviewStatus = :status',
        ExpressionAttributeValues: { ':status': query.status },
        Limit: query.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => ReviewItem.parse(item.doc));
    return result.LastEvaluatedKey ? { items, nextCursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.conditionalPut(
      {
        pk: `person#${event.personId}`,
        sk: `audit#${event.id}`,
        auditPerson: event.personId,
        auditOrder: historyOrder(event),
        doc: event,
      },
      undefined,
    );
  }

  async listAudit(personId: string, query: AuditQuery): Promise<AuditPage> {
    // The start key is rebuilt from the checked position, never taken from the client as is.
    const after = query.cursor ? decodeHistoryCursor(query.cursor) : undefined;
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byPersonHistory',
        KeyConditionExpression: 'auditPerson = :person',
        ExpressionAttributeValues: { ':person': personId },
        // One more than the page tells whether another page follows.
        Limit: query.limit + 1,
        ...(after
          ? {
              ExclusiveStartKey: {
                pk: `person#${personId}`,
                sk: `audit#${after.id}`,
                auditPerson: personId,
                auditOrder: historyOrder(after),
              },
            }
          : {}),
      }),
    );
    const all = (result.Items ?? []).map((item) => AuditEvent.parse(item.doc));
    const items = all.slice(0, query.limit);
    const last = items.at(-1);
    return all.length > query.limit && last ? { items, nextCursor: encodeHistoryCursor(last) } : { items };
  }

  /** Create-if-absent, or replace-if-version: false when the condition fails (someone wrote first). */
  private async conditionalPut(item: Record<string, unknown>, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(expectedVersion === undefined
            ? { ConditionExpression: CREATE }
            : {
                ConditionExpression: SAME_VERSION,
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * BatchGetItem in chunks of 100, unprocessed keys retried; missing items are left out. Strongly
   * consistent, as every registry read is: matching's concurrency argument (match-record.ts) needs it.
   */
  private async batchGet(allKeys: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    for (let i = 0; i < allKeys.length; i += BATCH_GET) {
      let keys = allKeys.slice(i, i + BATCH_GET);
      for (let round = 0; keys.length > 0; round++) {
        if (round >= MAX_BATCH_ROUNDS) throw new RelaisError('unavailable', 'storage-unavailable', [], 1);
        await backoff(round);
        const result = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        items.push(...(result.Responses?.[this.tableName] ?? []));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return items;
  }
}

/** Runs `work` on every item, at most `width` at a time. */
async function inTurns<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
