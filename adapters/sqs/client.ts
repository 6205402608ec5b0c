import { SQSClient } from '@aws-sdk/client-sqs';
import { withoutSdkLogging } from '../sdk-logging.ts';
import { reportSdkRequests } from '../sdk-requests.ts';

/** One place builds SQS clients; with an endpoint (local-aws-sqs) it uses dummy credentials. */
export function createSqsClient(options: { endpoint?: string; region?: string } = {}): SQSClient {
  const client = new SQSClient({
    region: options.region ?? process.env.AWS_REGION ?? 'eu-west-1',
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  withoutSdkLogging(client);
  reportSdkRequests(client, 'SQS');
  return client;
}
