import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock, RateLimiter } from '../../core/ports.ts';

/**
 * One conditional UpdateItem per request: the counter of the current window is incremented only while
 * it is below the limit, so concurrent requests can never exceed it. Old windows expire through TTL on
 * AWS; locally they are a few bytes each and are left to accumulate.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async consume(key: string, limit: number, windowSeconds: number) {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const retryAfterSeconds = windowStart + windowSeconds - nowSeconds;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: `${key}#${windowStart}` },
          UpdateExpression: 'ADD hits :one SET expiration = if_not_exists(expiration, :expiration)',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiration': windowStart + 2 * windowSeconds },
        }),
      );
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { allowed: false, retryAfterSeconds };
      throw error;
    }
  }
}
