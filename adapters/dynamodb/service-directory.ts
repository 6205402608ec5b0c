import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { ServiceDirectory, ServicePage } from '../../core/services/ports.ts';
import type { Service, ServiceType } from '../../schemas/canonical/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * The services table: one item per service, keyed by its id, with `organisationId` and `serviceType`
 * copied out for the byOrganisation and byType indexes (both sorted by id). `version` is copied out too,
 * so that an update is one conditional write on the version it was read at.
 */
export class DynamoServiceDirectory implements ServiceDirectory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private item(service: Service) {
    return {
      id: service.id,
      organisationId: service.organisationId,
      serviceType: service.type,
      version: service.version,
      service,
    };
  }

  async create(service: Service): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(service),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async get(id: string): Promise<Service | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return result.Item?.service as Service | undefined;
  }

  async put(service: Service, expectedVersion: number): Promise<'updated' | 'conflict'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(service),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return 'updated';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }

  listByOrganisation(organisationId: string, cursor: string | undefined, limit: number) {
    return this.query('byOrganisation', 'organisationId', organisationId, cursor, limit);
  }

  listByType(type: ServiceType, cursor: string | undefined, limit: number) {
    return this.query('byType', 'serviceType', type, cursor, limit);
  }

  private async query(
    index: string,
    partition: string,
    value: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<ServicePage> {
    // A GSI's LastEvaluatedKey holds the table key and the index key: here id and the partition attribute.
    const start = cursor
      ? decodeCursor(cursor, { keys: ['id', partition], mustMatch: { [partition]: value } })
      : undefined;
    if (cursor && !start) throw new RelaisError('bad-request', 'invalid-cursor');
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': partition },
        ExpressionAttributeValues: { ':p': value },
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => item.service as Service);
    return result.LastEvaluatedKey ? { items, nextCursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }
}
