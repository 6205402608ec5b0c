import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type LambdaSqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/**
 * Plays Lambda's SQS event-source mapping for the local runtime: receive a batch, invoke the handler
 * with an SQS event, delete what succeeded, and leave reported failures (or a whole batch whose
 * invocation threw) to the visibility timeout, after which SQS redelivers and finally redrives to the
 * DLQ. No library does this without Docker, hence this small loop.
 */
export class SqsPoller {
  private running = false;
  private busy = false;
  private done = 0;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly options: {
      functionName: string;
      batchSize: number;
      timeoutSeconds: number;
      load: () => Promise<LambdaSqsHandler>;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** True while a batch is being handled. */
  get handling(): boolean {
    return this.busy;
  }

  /** Messages handled and deleted since start. */
  get handled(): number {
    return this.done;
  }

  private async run(): Promise<void> {
    const handler = await this.options.load();
    const arn = `arn:aws:sqs:local:000000000000:${this.queueUrl.split('/').pop()}`;
    while (this.running) {
      let messages;
      try {
        const received = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: this.options.batchSize,
            WaitTimeSeconds: 1,
            AttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        // local-aws-sqs can hand out the same message twice in one long poll when its visibility timeout
        // is shorter than the wait; SQS never does. Keep the latest copy (its receipt handle is the valid one).
        messages = [...new Map((received.Messages ?? []).map((m) => [m.MessageId, m])).values()];
      } catch (error) {
        if (!this.running) return;
        this.options.onError?.(error);
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (messages.length === 0) continue;
      this.busy = true;
      try {
        const records: SQSRecord[] = messages.map((m) => ({
          messageId: m.MessageId!,
          receiptHandle: m.ReceiptHandle!,
          body: m.Body ?? '',
          attributes: m.Attributes as unknown as SQSRecord['attributes'],
          messageAttributes: {},
          md5OfBody: m.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: arn,
          awsRegion: 'local',
        }));
        let failed = new Set<string>();
        try {
          const response = await handler({ Records: records }, this.context());
          failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          // A handler that throws fails the whole batch, as on Lambda.
          this.options.onError?.(error);
          failed = new Set(records.map((r) => r.messageId));
        }
        const done = messages.filter((m) => !failed.has(m.MessageId!));
        if (done.length > 0) {
          const deleted = await this.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: this.queueUrl,
              Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
          this.done += deleted.Successful?.length ?? 0;
        }
      } finally {
        this.busy = false;
      }
    }
  }

  private context(): Context {
    const startedAt = Date.now();
    const name = this.options.functionName;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
      memoryLimitInMB: '512',
      awsRequestId: crypto.randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, this.options.timeoutSeconds * 1000 - (Date.now() - startedAt)),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}
