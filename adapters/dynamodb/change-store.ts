import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChangeStore, FeedEntry } from '../../core/changes/ports.ts';

const PK = (feed: string) => `FEED#${feed}`;
const DIGITS = 15;
/** Zero-padded so that the string sort key sorts as the number (Number.MAX_SAFE_INTEGER has 16 digits). */
const SK = (sequence: number) => `SEQ#${String(sequence).padStart(DIGITS, '0')}`;
const LAST = `SEQ#${'9'.repeat(DIGITS)}`;

/**
 * The change feed's outbox in DynamoDB: under each feed's partition, its counter (`COUNTER`), its
 * entries by sequence (`SEQ#…`) and its once-key markers (`ONCE#…`, expiring by TTL) and the positions of the readers Relais runs (`READER#…`). Every write is a
 * single-item write; entries are read from the base table with ConsistentRead, so a reader sees every
 * entry whose put completed before its query (the argument in core/changes/feed.ts rests on it).
 */
export class DynamoChangeStore implements ChangeStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async allocate(feed: string): Promise<number> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PK(feed), sk: 'COUNTER' },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes!.n as number;
  }

  async claim(feed: string, entry: FeedEntry): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: PK(feed), sk: SK(entry.sequence), entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async entriesAfter(feed: string, after: number, limit: number): Promise<FeedEntry[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': PK(feed), ':from': SK(after + 1), ':to': LAST },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => item.entry as FeedEntry);
  }

  async hasMarker(feed: string, key: string): Promise<boolean> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PK(feed), sk: `ONCE#${key}` },
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  async putMarker(feed: string, key: string, expiresAtSeconds: number): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: PK(feed), sk: `ONCE#${key}`, expiration: expiresAtSeconds },
      }),
    );
  }

  async readerPosition(feed: string, reader: string): Promise<number | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PK(feed), sk: `READER#${reader}` },
        ConsistentRead: true,
      }),
    );
    return Item?.position as number | undefined;
  }

  async saveReaderPosition(feed: string, reader: string, position: number): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: PK(feed), sk: `READER#${reader}`, position } }),
    );
  }
}
