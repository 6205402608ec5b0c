import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type ActiveMapping,
  type MappingStore,
  type MappingVersion,
  MappingVersionTakenError,
} from '../../core/mapping/ports.ts';

/**
 * Mapping versions in the directory table: pk `SRC#<sourceId>`, sk `MAPPING#<version, 6 digits>` so that
 * a query reads them in order, and one `ACTIVE_MAPPING` item naming the live version.
 */
const pk = (sourceId: string) => `SRC#${sourceId}`;
const VERSION_PREFIX = 'MAPPING#';
const versionSk = (version: number) => `${VERSION_PREFIX}${String(version).padStart(6, '0')}`;
const ACTIVE_SK = 'ACTIVE_MAPPING';

type VersionItem = MappingVersion & { pk: string; sk: string };

function fromItem(item: Record<string, unknown> | undefined): MappingVersion | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...version } = item as unknown as VersionItem;
  return version;
}

export class DynamoMappingStore implements MappingStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putVersion(version: MappingVersion): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(version.sourceId), sk: versionSk(version.version), ...version },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new MappingVersionTakenError(version.sourceId, version.version);
      throw error;
    }
  }

  async getVersion(sourceId: string, version: number): Promise<MappingVersion | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: pk(sourceId), sk: versionSk(version) },
        ConsistentRead: true,
      }),
    );
    return fromItem(out.Item);
  }

  async latestVersion(sourceId: string): Promise<MappingVersion | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(sourceId), ':prefix': VERSION_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return fromItem(out.Items?.[0]);
  }

  async listVersions(sourceId: string): Promise<MappingVersion[]> {
    const versions: MappingVersion[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk(sourceId), ':prefix': VERSION_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) versions.push(fromItem(item)!);
      start = out.LastEvaluatedKey;
    } while (start);
    return versions;
  }

  /**
   * Two single-item writes, no transaction (dynalite has none): first stamp the version, conditional on
   * its existence, then point ACTIVE_MAPPING at it. A retry after a failure between the two converges.
   */
  async activate(active: ActiveMapping): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(active.sourceId), sk: versionSk(active.version) },
          UpdateExpression: 'SET lastActivatedAt = :at, lastActivatedBy = :by',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': active.activatedAt, ':by': active.activatedBy },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: pk(active.sourceId), sk: ACTIVE_SK, ...active } }),
    );
    return true;
  }

  async getActive(sourceId: string): Promise<ActiveMapping | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(sourceId), sk: ACTIVE_SK }, ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...active } = out.Item as ActiveMapping & { pk: string; sk: string };
    return active;
  }
}
