import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmOnAny } from './alarm-on-any.ts';
import { suppressKeyActionWildcards } from './kms-grant-suppression.ts';

/** AWS's rule of thumb: a message must stay invisible while up to six invocations retry it. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;
export const MIN_MAX_RECEIVE_COUNT = 5;
/** Lambda's default when a function declares no timeout. */
const LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);

export interface FifoQueueWithDlqProps {
  /**
   * The timeout of the function that will consume this queue. The queue is created before (and in another
   * stack than) its consumer, so the visibility timeout is derived from this and `attachConsumer` refuses
   * a function whose timeout exceeds it.
   */
  readonly consumerTimeout: Duration;
  readonly encryptionKey: IKey;
  /** Receives before a message moves to the DLQ; at least 5 so that a brief outage does not dead-letter. */
  readonly maxReceiveCount?: number;
  /** How long an unconsumed message is kept; the DLQ always keeps 14 days for inspection and redrive. */
  readonly retentionPeriod?: Duration;
  /** Notified when the DLQ holds a message. */
  readonly alarmTopic?: ITopic;
}

/**
 * An SQS FIFO queue with its FIFO dead-letter queue, both encrypted with a customer-managed key and
 * TLS-only, the visibility timeout tied to the consumer's timeout, and an alarm as soon as anything is
 * dead-lettered. Wiring a consumer is one call: `queue.attachConsumer(fn)`.
 */
export class FifoQueueWithDlq extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly dlqDepthAlarm: Alarm;
  readonly consumerTimeout: Duration;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: FifoQueueWithDlqProps) {
    super(scope, id);
    this.consumerTimeout = props.consumerTimeout;
    this.maxReceiveCount = props.maxReceiveCount ?? MIN_MAX_RECEIVE_COUNT;
    if (!Number.isInteger(this.maxReceiveCount) || this.maxReceiveCount < MIN_MAX_RECEIVE_COUNT) {
      throw new Error(`maxReceiveCount must be an integer ≥ ${MIN_MAX_RECEIVE_COUNT}, got ${this.maxReceiveCount}`);
    }
    const encryption = {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
    } as const;

    this.deadLetterQueue = new Queue(this, 'Dlq', { fifo: true, retentionPeriod: Duration.days(14), ...encryption });
    this.queue = new Queue(this, 'Queue', {
      fifo: true,
      // One message group per aggregate (e.g. a referral): high-throughput FIFO scales across groups.
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO),
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
      ...encryption,
    });

    this.dlqDepthAlarm = alarmOnAny(this, 'DlqDepthAlarm', {
      description: 'Messages reached the dead-letter queue: inspect and redrive them.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      topic: props.alarmTopic,
    });
  }

  /**
   * Makes `consumer` the queue's consumer: an event source mapping that reports partial batch failures,
   * so that only the failed messages (and, FIFO, the rest of their group) are retried.
   */
  attachConsumer(consumer: LambdaFunction, options: { batchSize?: number } = {}): SqsEventSource {
    const timeout = consumer.timeout ?? LAMBDA_DEFAULT_TIMEOUT;
    if (timeout.toSeconds() > this.consumerTimeout.toSeconds()) {
      throw new Error(
        `${consumer.node.path} times out after ${timeout.toSeconds()} s but ${this.node.path} was sized for a consumer timeout of ` +
          `${this.consumerTimeout.toSeconds()} s; raise consumerTimeout so the visibility timeout stays ≥ ${VISIBILITY_TO_TIMEOUT_RATIO}×.`,
      );
    }
    const source = new SqsEventSource(this.queue, {
      batchSize: options.batchSize ?? 10,
      reportBatchItemFailures: true,
    });
    consumer.addEventSource(source);
    return source;
  }

  /** Lets `producer` send to the queue (and encrypt under its key), nothing more. */
  grantSendMessages(producer: LambdaFunction): void {
    this.queue.grantSendMessages(producer);
    if (producer.role) suppressKeyActionWildcards(producer.role, 'Sending to a queue encrypted');
  }

  /**
   * Lets `operator` take messages out of the DLQ and send them back to the queue: what a consumer may do
   * on the DLQ (receive, change visibility, delete, read attributes, and decrypt), and send on the queue.
   */
  grantRedrive(operator: LambdaFunction): void {
    this.deadLetterQueue.grantConsumeMessages(operator);
    this.grantSendMessages(operator);
  }
}
