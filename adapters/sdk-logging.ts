import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Takes the SDK's own request logging out of a client. Relais never gives the SDK a logger: what it would
 * log is items and message bodies, that is children's data. Yet with no logger the SDK still runs its
 * logging step on every request, copying the input and output while masking fields its models mark
 * sensitive, only to hand them to a logger that does nothing (bench:referrals measured that copy at about
 * 2 % of a handler's CPU, with an item-sized input). Removing the step removes both the cost and any way
 * for a configured logger to print an item.
 */
export function withoutSdkLogging(client: DynamoDBClient | SQSClient): void {
  (client as SQSClient).middlewareStack.remove('loggerMiddleware');
}
