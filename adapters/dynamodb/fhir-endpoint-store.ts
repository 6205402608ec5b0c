import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SecretKeepingItem, channelPartition } from './channel-partition.ts';
import type { FhirEndpointStore } from '../../core/fhir/endpoints.ts';
import type { FhirEndpoint } from '../../schemas/api/fhir-endpoint.ts';
import type { FhirPullCursor } from '../../schemas/fhir/sync.ts';

const PK = channelPartition;

/**
 * FHIR endpoints in the deliveries table, in each organisation's channel partition beside its delivery
 * channel: the endpoint with its secret (encrypted at rest with the table's key, like the signing secret),
 * and one item per pulled resource type holding the cursor as JSON text, so that moving it is one
 * conditional write on the text it was read as.
 */
export class DynamoFhirEndpointStore implements FhirEndpointStore {
  private readonly item: SecretKeepingItem<FhirEndpoint>;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.item = new SecretKeepingItem(doc, tableName, 'FHIR_ENDPOINT');
  }

  async get(organisationId: string) {
    const found = await this.item.get(organisationId);
    return found && { endpoint: found.data, ...(found.secret ? { secret: found.secret } : {}) };
  }

  async put(endpoint: FhirEndpoint, secret?: string) {
    await this.item.put(endpoint.organisationId, endpoint, secret);
  }

  async getCursor(organisationId: string, resourceType: string) {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PK(organisationId), sk: `FHIR_CURSOR#${resourceType}` },
        ConsistentRead: true,
      }),
    );
    return Item ? (JSON.parse(Item.cursor as string) as FhirPullCursor) : undefined;
  }

  async putCursor(organisationId: string, cursor: FhirPullCursor, expected: FhirPullCursor | undefined) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: PK(organisationId), sk: `FHIR_CURSOR#${cursor.resourceType}`, cursor: JSON.stringify(cursor) },
          ...(expected
            ? {
                ConditionExpression: '#cursor = :expected',
                ExpressionAttributeNames: { '#cursor': 'cursor' },
                ExpressionAttributeValues: { ':expected': JSON.stringify(expected) },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return 'ok' as const;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return 'conflict' as const;
      throw error;
    }
  }
}
