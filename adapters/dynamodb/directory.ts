import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DirectoryAdmin } from '../../core/ports.ts';
import type { ApiKeyRecord, Organisation, Source } from '../../schemas/canonical/index.ts';

const ORG = (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' });
const SRC = (id: string) => ({ pk: `SRC#${id}`, sk: 'SOURCE' });
const KEY = (id: string) => ({ pk: `KEY#${id}`, sk: 'KEY' });
const SECRET_PREFIX = 'SECRET#';

/**
 * The directory table holds organisations, sources, API keys (hashed) and webhook signing secrets.
 * Items are small and read on every request, so each is a single GetItem; sources and keys carry
 * `organisationId` for the byOrganisation index that lists them.
 */
export class DynamoDirectory implements DirectoryAdmin {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async getData<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return result.Item?.data as T | undefined;
  }

  private async putData(
    key: { pk: string; sk: string },
    data: object & { organisationId?: string },
    onlyIfNew = false,
  ): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...(data.organisationId ? { organisationId: data.organisationId } : {}), data },
          ...(onlyIfNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
      return 'created';
    } catch (error) {
      if (onlyIfNew && error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  private async listByOrganisation<T>(organisationId: string, prefix: string): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byOrganisation',
          KeyConditionExpression: 'organisationId = :org AND begins_with(pk, :prefix)',
          ExpressionAttributeValues: { ':org': organisationId, ':prefix': prefix },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []).map((item) => item.data as T));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  getOrganisation(id: string) {
    return this.getData<Organisation>(ORG(id));
  }

  getSource(id: string) {
    return this.getData<Source>(SRC(id));
  }

  getApiKey(keyId: string) {
    return this.getData<ApiKeyRecord>(KEY(keyId));
  }

  async getSigningSecrets(sourceId: string): Promise<string[]> {
    return (await this.secretItems(sourceId)).map((item) => item.secret as string);
  }

  async listSigningSecrets(sourceId: string) {
    return (await this.secretItems(sourceId)).map((item) => ({
      id: (item.sk as string).slice(SECRET_PREFIX.length),
      createdAt: item.createdAt as string,
    }));
  }

  private async secretItems(sourceId: string) {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': SRC(sourceId).pk, ':prefix': SECRET_PREFIX },
      }),
    );
    return result.Items ?? [];
  }

  createOrganisation(org: Organisation) {
    return this.putData(ORG(org.id), org, true);
  }

  createSource(source: Source) {
    return this.putData(SRC(source.id), source, true);
  }

  listSources(organisationId: string) {
    return this.listByOrganisation<Source>(organisationId, 'SRC#');
  }

  async putApiKey(key: ApiKeyRecord): Promise<void> {
    await this.putData(KEY(key.keyId), key);
  }

  listApiKeys(organisationId: string) {
    return this.listByOrganisation<ApiKeyRecord>(organisationId, 'KEY#');
  }

  /** Rotation: add the new secret, let senders switch, then remove the old one. Both verify meanwhile. */
  async addSigningSecret(sourceId: string, secretId: string, secret: string, createdAt: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: SRC(sourceId).pk, sk: `${SECRET_PREFIX}${secretId}`, secret, createdAt },
      }),
    );
  }

  async removeSigningSecret(sourceId: string, secretId: string): Promise<void> {
    await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: SRC(sourceId).pk, sk: `${SECRET_PREFIX}${secretId}` },
      }),
    );
  }
}
