import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/** An organisation's partition of the deliveries table: its delivery channel, FHIR endpoint, logs and cursors. */
export const channelPartition = (organisationId: string) => `CHANNEL#${organisationId}`;

/**
 * One configuration item of an organisation's channel partition with the secret kept beside it (encrypted at
 * rest with the table's key) and never returned apart from it: the delivery channel and the FHIR endpoint
 * are both one of these, under their own sort key.
 */
export class SecretKeepingItem<T> {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sortKey: string,
  ) {}

  async get(organisationId: string): Promise<{ data: T; secret?: string } | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: channelPartition(organisationId), sk: this.sortKey },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return { data: Item.data as T, ...(Item.secret ? { secret: Item.secret as string } : {}) };
  }

  async put(organisationId: string, data: T, secret?: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: channelPartition(organisationId), sk: this.sortKey, data, ...(secret ? { secret } : {}) },
      }),
    );
  }
}
