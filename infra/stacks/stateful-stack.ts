import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { TABLES, type TableKey, type TableSpec } from '../../adapters/dynamodb/tables.ts';
import { QUEUES, type QueueKey, type QueueSpec } from '../../functions/queues.ts';
import { SECRETS, type SecretKey } from '../../functions/secrets.ts';
import type { Stage } from '../config.ts';
import { FifoQueueWithDlq } from '../constructs/fifo-queue-with-dlq.ts';

export interface StatefulStackProps extends StackProps {
  readonly stage: Stage;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Everything that holds data and must outlive a redeploy: the tables, their key, signing secrets and the
 * alarm topic. Nothing here is replaced when functions change; everything is retained on stack deletion.
 */
export class StatefulStack extends Stack {
  /** Encrypts tables, queues and secrets: personal data never rests under an AWS-owned key. */
  readonly dataKey: Key;
  readonly tables: Record<TableKey, TableV2>;
  /** Relais's own Standard Webhooks key for outbound deliveries (referrals, status changes). */
  readonly webhookSigningSecret: Secret;
  /** One secret per entry of functions/secrets.ts, read by the functions whose route declares it. */
  readonly secrets: Record<SecretKey, Secret>;
  readonly alarmTopic: Topic;
  /** One FIFO queue with its FIFO DLQ per entry of functions/queues.ts. */
  readonly queues: Record<QueueKey, FifoQueueWithDlq>;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { name, config } = props.stage;

    this.dataKey = new Key(this, 'DataKey', {
      alias: `alias/relais-${name}-data`,
      description: `Relais ${name}: encrypts tables, queues and secrets`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const string = (name: string) => ({ name, type: AttributeType.STRING });
    this.tables = Object.fromEntries(
      (Object.values(TABLES) as TableSpec[]).map((spec) => [
        spec.key,
        new TableV2(this, `${pascal(spec.key)}Table`, {
          partitionKey: string(spec.partitionKey),
          ...(spec.sortKey ? { sortKey: string(spec.sortKey) } : {}),
          globalSecondaryIndexes: spec.indexes.map((index) => ({
            indexName: index.name,
            partitionKey: string(index.partitionKey),
            ...(index.sortKey ? { sortKey: string(index.sortKey) } : {}),
          })),
          ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
          encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          deletionProtection: config.deletionProtection,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      ]),
    ) as Record<TableKey, TableV2>;

    this.webhookSigningSecret = new Secret(this, 'WebhookSigningSecret', {
      description: `Relais ${name}: Standard Webhooks signing key for outbound deliveries (use as whsec_<value>)`,
      encryptionKey: this.dataKey,
      // 48 characters of [A-Za-z0-9] are valid base64 for 36 random bytes, the form Standard Webhooks expects.
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.webhookSigningSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Receivers verify with this key, so rotating it is a coordinated operation (publish the new key, sign with both ' +
          'during the overlap Standard Webhooks allows, then retire the old one), documented in infra/README.md; an ' +
          'unattended Lambda rotation would break every receiver.',
      },
    ]);

    this.secrets = Object.fromEntries(
      Object.values(SECRETS).map((spec) => {
        const secret = new Secret(this, `${pascal(spec.key)}Secret`, {
          description: `Relais ${name}: ${spec.description}`,
          encryptionKey: this.dataKey,
          generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
          removalPolicy: RemovalPolicy.RETAIN,
        });
        NagSuppressions.addResourceSuppressions(secret, [
          {
            id: 'AwsSolutions-SMG4',
            reason:
              'Functions read this key once per container, so a rotation only takes effect as containers are ' +
              'replaced, and it invalidates every cursor already handed out; it is rotated by an operator ' +
              '(infra/README.md), not by an unattended Lambda.',
          },
        ]);
        return [spec.key, secret];
      }),
    ) as Record<SecretKey, Secret>;

    // A key of its own: CloudWatch must be allowed to use the topic's key, and it must not reach the data key.
    const alarmKey = new Key(this, 'AlarmKey', {
      alias: `alias/relais-${name}-alarms`,
      description: `Relais ${name}: encrypts the alarm topic`,
      enableKeyRotation: true,
    });
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Relais ${name} alarms`,
      masterKey: alarmKey,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    this.queues = Object.fromEntries(
      (Object.values(QUEUES) as QueueSpec[]).map((spec) => [
        spec.key,
        new FifoQueueWithDlq(this, `${pascal(spec.key)}Queue`, {
          consumerTimeout: Duration.seconds(spec.consumer.timeoutSeconds),
          encryptionKey: this.dataKey,
          maxReceiveCount: spec.maxReceiveCount,
          alarmTopic: this.alarmTopic,
        }),
      ]),
    ) as Record<QueueKey, FifoQueueWithDlq>;

    // What an operator needs after a deploy (infra/README.md): onboarding writes to the directory table.
    for (const [key, table] of Object.entries(this.tables)) {
      new CfnOutput(this, `${pascal(key)}TableName`, { value: table.tableName, description: `The ${key} table` });
    }
    for (const [key, queue] of Object.entries(this.queues)) {
      new CfnOutput(this, `${pascal(key)}DeadLetterQueueUrl`, {
        value: queue.deadLetterQueue.queueUrl,
        description: `Where ${key} messages that kept failing wait for inspection and redrive`,
      });
    }
    new CfnOutput(this, 'DataKeyArn', {
      value: this.dataKey.keyArn,
      description:
        'Operators who write tables need kms:Decrypt, DescribeKey, Encrypt, GenerateDataKey*, ReEncrypt* on it',
    });
    new CfnOutput(this, 'WebhookSigningSecretArn', {
      value: this.webhookSigningSecret.secretArn,
      description: 'Outbound Standard Webhooks signing key',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe on-call addresses here',
    });
  }
}
