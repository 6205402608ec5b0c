import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SecretKeepingItem, channelPartition } from './channel-partition.ts';
import type { ChannelStore } from '../../core/delivery/channels.ts';
import type { DeliveryChannel, LoggedAttempt } from '../../schemas/api/delivery-channel.ts';

const PK = channelPartition;

/** One line of an organisation's delivery log, kept 30 days. */
export const attemptLogItem = (organisationId: string, attempt: LoggedAttempt) => ({
  pk: PK(organisationId),
  sk: `ATTEMPT#${attempt.at}#${attempt.eventId}#${attempt.attempt}`,
  data: attempt,
  expiration: Math.floor(Date.parse(attempt.at) / 1000) + 30 * 86_400,
});

/**
 * Delivery channels in DynamoDB: under each organisation's partition, its channel (with its signing
 * secret, encrypted at rest with the table's key) and its attempt log, newest last by sort key.
 */
export class DynamoChannelStore implements ChannelStore {
  private readonly item: SecretKeepingItem<DeliveryChannel>;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.item = new SecretKeepingItem(doc, tableName, 'CHANNEL');
  }

  async get(organisationId: string) {
    const found = await this.item.get(organisationId);
    return found && { channel: found.data, ...(found.secret ? { secret: found.secret } : {}) };
  }

  async put(channel: DeliveryChannel, secret?: string) {
    await this.item.put(channel.organisationId, channel, secret);
  }

  async setDisabled(organisationId: string, since: string | undefined) {
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: PK(organisationId), sk: 'CHANNEL' },
          ...(since
            ? { UpdateExpression: 'SET #data.disabledSince = :since', ExpressionAttributeValues: { ':since': since } }
            : { UpdateExpression: 'REMOVE #data.disabledSince' }),
          ExpressionAttributeNames: { '#data': 'data' },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async logAttempt(organisationId: string, attempt: LoggedAttempt) {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: attemptLogItem(organisationId, attempt) }));
  }

  async nextAttempt(organisationId: string, eventId: string) {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PK(organisationId), sk: `COUNT#${eventId}` },
        UpdateExpression: 'ADD attempts :one SET expiration = if_not_exists(expiration, :expiration)',
        ExpressionAttributeValues: { ':one': 1, ':expiration': Math.floor(Date.now() / 1000) + 30 * 86_400 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.attempts ?? 1);
  }

  async recentAttempts(organisationId: string, limit: number) {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :attempt)',
        ExpressionAttributeValues: { ':pk': PK(organisationId), ':attempt': 'ATTEMPT#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => item.data as LoggedAttempt);
  }
}
