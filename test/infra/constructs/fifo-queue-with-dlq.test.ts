import { App, Aspects, type CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveStage } from '../../../infra/config.ts';
import { FifoQueueWithDlq } from '../../../infra/constructs/fifo-queue-with-dlq.ts';
import { RelaisFunction } from '../../../infra/constructs/relais-function.ts';
import { StatefulStack } from '../../../infra/stacks/stateful-stack.ts';
import { cdkContext, nagFindings } from '../support/synth.ts';

const CONSUMER_TIMEOUT = Duration.seconds(30);
const FOURTEEN_DAYS = 14 * 24 * 3600;

/** A small function around a fixture handler (bundling is skipped: only the entry must exist). */
const testFunction = (
  scope: Stack,
  id: string,
  fixture: string,
  timeout: Duration,
  alarmTopic: ITopic,
  environment: Record<string, string> = {},
) =>
  new RelaisFunction(scope, id, {
    entry: `test/infra/fixtures/${fixture}`,
    description: id,
    timeout,
    memorySize: 256,
    logRetention: 14,
    logLevel: 'INFO',
    environment,
    alarmTopic,
  });

/**
 * The queue is declared in the stateful stack and consumed from another stack, as the referral queue will
 * be: `new FifoQueueWithDlq(...)` there, `queue.attachConsumer(fn)` here.
 */
function wire(app: App) {
  const stage = resolveStage(cdkContext['relais:stages'], 'dev');
  const env = { region: stage.config.region };
  const stateful = new StatefulStack(app, 'Stateful', { stage, env });
  const referrals = new FifoQueueWithDlq(stateful, 'TestQueue', {
    consumerTimeout: CONSUMER_TIMEOUT,
    encryptionKey: stateful.dataKey,
    alarmTopic: stateful.alarmTopic,
  });
  const consumerStack = new Stack(app, 'Consumer', { env });
  const consumer = testFunction(
    consumerStack,
    'TestConsumer',
    'consume-test-messages.ts',
    CONSUMER_TIMEOUT,
    stateful.alarmTopic,
  );
  referrals.attachConsumer(consumer.function);
  const producer = testFunction(
    consumerStack,
    'TestProducer',
    'send-test-message.ts',
    Duration.seconds(5),
    stateful.alarmTopic,
    { QUEUE_URL: referrals.queue.queueUrl },
  );
  referrals.grantSendMessages(producer.function);
  return { stateful, referrals, consumerStack, consumer, producer };
}

describe('FifoQueueWithDlq', () => {
  let wired: ReturnType<typeof wire>;
  let queues: Template;
  let consumer: Template;
  const queueProps = (id: 'Queue' | 'Dlq') =>
    queues.toJSON().Resources[
      wired.stateful.getLogicalId(
        (id === 'Queue' ? wired.referrals.queue : wired.referrals.deadLetterQueue).node.defaultChild as CfnResource,
      )
    ].Properties;

  beforeAll(() => {
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
    wired = wire(app);
    Aspects.of(app).add(new AwsSolutionsChecks());
    queues = Template.fromStack(wired.stateful);
    consumer = Template.fromStack(wired.consumerStack);
  });

  it('keeps messages invisible for at least six times the consumer timeout', () => {
    const timeout = Object.values(consumer.findResources('AWS::Lambda::Function'))[0]?.Properties.Timeout as number;
    expect(timeout).toBe(30);
    expect(queueProps('Queue').VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('dead-letters after at least five receives into a FIFO queue that keeps messages 14 days', () => {
    const queue = queueProps('Queue');
    const dlq = queueProps('Dlq');
    expect(queue.FifoQueue).toBe(true);
    expect(queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({
      'Fn::GetAtt': [
        wired.stateful.getLogicalId(wired.referrals.deadLetterQueue.node.defaultChild as CfnResource),
        'Arn',
      ],
    });
    expect(dlq.FifoQueue).toBe(true);
    expect(dlq.MessageRetentionPeriod).toBe(FOURTEEN_DAYS);
  });

  it('encrypts both queues with the customer-managed data key and refuses plain-text transport', () => {
    const dataKeyArn = {
      'Fn::GetAtt': [wired.stateful.getLogicalId(wired.stateful.dataKey.node.defaultChild as CfnResource), 'Arn'],
    };
    for (const id of ['Queue', 'Dlq'] as const) expect(queueProps(id).KmsMasterKeyId).toEqual(dataKeyArn);
    // The stateful stack has queues of its own (functions/queues.ts): only this construct's two count here.
    const denyInsecure = Object.values(queues.findResources('AWS::SQS::QueuePolicy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'),
    );
    const ownQueues = [wired.referrals.queue, wired.referrals.deadLetterQueue].map((queue) => ({
      Ref: wired.stateful.getLogicalId(queue.node.defaultChild as CfnResource),
    }));
    for (const queue of ownQueues)
      expect(
        denyInsecure.filter((policy) => JSON.stringify(policy.Properties.Queues) === JSON.stringify([queue])),
        queue.Ref,
      ).toHaveLength(1);
  });

  it('reports partial batch failures on the event source mapping', () => {
    consumer.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    consumer.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('TestQueue.*Arn') },
    });
  });

  it('alarms to the alarm topic as soon as one message is dead-lettered', () => {
    queues.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [
              wired.stateful.getLogicalId(wired.referrals.deadLetterQueue.node.defaultChild as CfnResource),
              'QueueName',
            ],
          },
        },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: wired.stateful.getLogicalId(wired.stateful.alarmTopic.node.defaultChild as CfnResource) }],
    });
  });

  const statementsOf = (fn: RelaisFunction) =>
    Object.values(consumer.findResources('AWS::IAM::Policy'))
      .filter(
        (policy) =>
          policy.Properties.Roles[0].Ref === wired.consumerStack.getLogicalId(fn.role.node.defaultChild as CfnResource),
      )
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

  it('lets the consumer receive and delete on this queue and decrypt with the data key, nothing more', () => {
    const statements = statementsOf(wired.consumer);
    const sqs = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('sqs:')));
    expect(sqs).toHaveLength(1);
    expect(sqs[0].Action).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(sqs[0].Resource).toEqual({ 'Fn::ImportValue': expect.stringMatching(/TestQueue.*Arn/) });
    const kms = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kms.flatMap((s) => [s.Resource].flat())).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/DataKey.*Arn/) },
    ]);
    expect(statements.flatMap((s) => [s.Resource].flat())).not.toContain('*');
  });

  it('lets a producer send to this queue and encrypt with the data key, nothing more', () => {
    const statements = statementsOf(wired.producer);
    const sqs = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('sqs:')));
    expect(sqs.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(sqs.flatMap((s) => [s.Resource].flat())).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/TestQueue.*Arn/) },
    ]);
    const kms = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kms.flatMap((s) => [s.Resource].flat())).toEqual([
      { 'Fn::ImportValue': expect.stringMatching(/DataKey.*Arn/) },
    ]);
  });

  it('passes cdk-nag AwsSolutions with nothing left unsuppressed', () => {
    expect([...nagFindings(wired.stateful), ...nagFindings(wired.consumerStack)]).toEqual([]);
  });

  it('derives the visibility timeout from any consumer timeout and refuses fewer than five receives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 900 }), fc.integer({ min: -2, max: 20 }), (seconds, maxReceiveCount) => {
        const stack = new Stack();
        const create = () =>
          new FifoQueueWithDlq(stack, 'Q', {
            consumerTimeout: Duration.seconds(seconds),
            encryptionKey: new Key(stack, 'K', { enableKeyRotation: true }),
            maxReceiveCount,
          });
        if (maxReceiveCount < 5) {
          expect(create).toThrow(/maxReceiveCount/);
          return;
        }
        const cfn = create().queue.node.defaultChild as CfnQueue;
        expect(stack.resolve(cfn.visibilityTimeout)).toBe(6 * seconds);
        expect(stack.resolve(cfn.redrivePolicy)).toMatchObject({ maxReceiveCount });
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a consumer whose timeout outgrows the one the queue was sized for', () => {
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
    const { referrals, consumerStack, stateful } = wire(app);
    const slow = testFunction(
      consumerStack,
      'SlowConsumer',
      'consume-test-messages.ts',
      Duration.seconds(31),
      stateful.alarmTopic,
    );
    expect(() => referrals.attachConsumer(slow.function)).toThrow(/times out after 31 s .* consumer timeout of 30 s/);
  });
});
