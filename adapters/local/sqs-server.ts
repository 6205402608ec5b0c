import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';

export interface LocalSqs {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts local-aws-sqs (a real SQS-protocol server: FIFO, deduplication, visibility, DLQ redrive) in this process. */
export async function startLocalSqs(): Promise<LocalSqs> {
  const server = await createSqsServer({ port: 0, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A FIFO queue and its FIFO dead-letter queue, with the redrive rule production has. Returns the main
 * queue's URL and the DLQ's.
 */
export async function createFifoQueueWithDlq(
  sqs: SQSClient,
  name: string,
  options: { maxReceiveCount: number; visibilityTimeoutSeconds: number },
): Promise<{ url: string; dlqUrl: string }> {
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq.fifo`,
      Attributes: { FifoQueue: 'true', MessageRetentionPeriod: String(14 * 24 * 3600) },
    }),
  );
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}.fifo`,
      Attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: String(options.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceiveCount }),
      },
    }),
  );
  return { url: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}
