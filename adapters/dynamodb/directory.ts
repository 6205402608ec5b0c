import { type DynamoDBDocumentClient, DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Directory } from '../../core/ports.ts';
import type { ApiKeyRecord, Organisation, Source } from '../../schemas/canonical/index.ts';

const ORG = (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' });
const SRC = (id: string) => ({ pk: `SRC#${id}`, sk: 'SOURCE' });
const KEY = (id: string) => ({ pk: `KEY#${id}`, sk: 'KEY' });
const SECRET_PREFIX = 'SECRET#';

/**
 * The directory table holds organisations, sources, API keys (hashed) and webhook signing secrets.
 * Items are small and read on every request, so each is a single GetItem.
 */
export class DynamoDirectory implements Directory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async getData<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return result.Item?.data as T | undefined;
  }

  private async putData(key: { pk: string; sk: string }, data: unknown): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...key, data } }));
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
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': SRC(sourceId).pk, ':prefix': SECRET_PREFIX },
      }),
    );
    return (result.Items ?? []).map((item) => item.secret as string);
  }

  putOrganisation(org: Organisation) {
    return this.putData(ORG(org.id), org);
  }

  putSource(source: Source) {
    return this.putData(SRC(source.id), source);
  }

  putApiKey(key: ApiKeyRecord) {
    return this.putData(KEY(key.keyId), key);
  }

  /** Rotation: add the new secret, let senders switch, then remove the old one. Both verify meanwhile. */
  async addSigningSecret(sourceId: string, secretId: string, secret: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: SRC(sourceId).pk, sk: `${SECRET_PREFIX}${secretId}`, secret } }));
  }

  async removeSigningSecret(sourceId: string, secretId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: SRC(sourceId).pk, sk: `${SECRET_PREFIX}${secretId}` } }));
  }
}
