import type { CfnResource } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type TableSpec } from '../../../adapters/dynamodb/tables.ts';
import { QUEUES, type QueueKey, type QueueSpec } from '../../../functions/queues.ts';
import { SECRETS } from '../../../functions/secrets.ts';
import {
  fixedCounts,
  nagFindings,
  resourceCounts,
  resourceCountsOf,
  synthesiseRelais,
  type Synthesised,
} from '../support/synth.ts';

const specs = Object.values(TABLES) as TableSpec[];
const queueSpecs = Object.values(QUEUES) as QueueSpec[];
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

describe('StatefulStack', () => {
  let dev: Synthesised;
  let prod: Synthesised;
  const ref = (construct: { node: { defaultChild?: unknown } }) =>
    dev.stateful.getLogicalId(construct.node.defaultChild as CfnResource);
  const tableProps = (key: string) => {
    const table = dev.stateful.tables[key as keyof typeof TABLES];
    return dev.statefulTemplate.toJSON().Resources[ref(table)];
  };

  beforeAll(() => {
    dev = synthesiseRelais('dev');
    prod = synthesiseRelais('prod');
  });

  it('declares one table per TABLES entry with its keys, indexes and TTL, all strings', () => {
    dev.statefulTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', specs.length);
    for (const spec of specs) {
      const { Properties } = tableProps(spec.key);
      const keySchema = (pk: string, sk?: string) => [
        { AttributeName: pk, KeyType: 'HASH' },
        ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' }] : []),
      ];
      expect(Properties.KeySchema).toEqual(keySchema(spec.partitionKey, spec.sortKey));
      expect(Properties.GlobalSecondaryIndexes ?? []).toEqual(
        spec.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      expect(new Set(Properties.AttributeDefinitions.map((a: { AttributeType: string }) => a.AttributeType))).toEqual(
        new Set(['S']),
      );
      expect(Properties.TimeToLiveSpecification).toEqual(
        spec.ttlAttribute ? { AttributeName: spec.ttlAttribute, Enabled: true } : undefined,
      );
    }
  });

  it('bills on demand, keeps point-in-time recovery and encrypts with the rotating customer-managed key', () => {
    const dataKeyArn = { 'Fn::GetAtt': [ref(dev.stateful.dataKey), 'Arn'] };
    for (const spec of specs) {
      const { Properties, DeletionPolicy, UpdateReplacePolicy } = tableProps(spec.key);
      expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      expect(Properties.Replicas).toHaveLength(1);
      expect(Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(Properties.Replicas[0].SSESpecification).toEqual({ KMSMasterKeyId: dataKeyArn });
      expect([DeletionPolicy, UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
    dev.statefulTemplate.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('turns deletion protection on in prod only', () => {
    const protection = (s: Synthesised) =>
      Object.values(s.statefulTemplate.findResources('AWS::DynamoDB::GlobalTable')).map(
        (t) => t.Properties.Replicas[0].DeletionProtectionEnabled,
      );
    expect(protection(dev)).toEqual(specs.map(() => false));
    expect(protection(prod)).toEqual(specs.map(() => true));
  });

  it('generates the outbound signing secret, encrypted with the data key and kept on stack deletion', () => {
    dev.statefulTemplate.hasResource('AWS::SecretsManager::Secret', {
      Properties: {
        KmsKeyId: { 'Fn::GetAtt': [ref(dev.stateful.dataKey), 'Arn'] },
        GenerateSecretString: Match.objectLike({ PasswordLength: 48, ExcludePunctuation: true }),
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('generates one secret per SECRETS entry (the cursor key), encrypted with the data key and kept on stack deletion', () => {
    const resources = dev.statefulTemplate.toJSON().Resources;
    for (const spec of Object.values(SECRETS)) {
      const secret = resources[ref(dev.stateful.secrets[spec.key])];
      expect(secret, spec.key).toMatchObject({
        Type: 'AWS::SecretsManager::Secret',
        DeletionPolicy: 'Retain',
        Properties: {
          KmsKeyId: { 'Fn::GetAtt': [ref(dev.stateful.dataKey), 'Arn'] },
          GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
        },
      });
    }
  });

  it('encrypts the alarm topic with a key CloudWatch may use, and refuses plain-text publishing', () => {
    const topic = dev.statefulTemplate.toJSON().Resources[ref(dev.stateful.alarmTopic)];
    const topicKey = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    expect(topicKey).not.toBe(ref(dev.stateful.dataKey));
    const keyPolicy = JSON.stringify(dev.statefulTemplate.toJSON().Resources[topicKey].Properties.KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    dev.statefulTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it("declares one FIFO queue per QUEUES entry, dead-lettering into its own FIFO DLQ after the spec's receives", () => {
    const resources = dev.statefulTemplate.toJSON().Resources;
    const outputs = dev.statefulTemplate.toJSON().Outputs;
    for (const spec of queueSpecs) {
      const { queue, deadLetterQueue } = dev.stateful.queues[spec.key as QueueKey];
      expect(resources[ref(queue)].Properties, spec.key).toMatchObject({
        FifoQueue: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [ref(deadLetterQueue), 'Arn'] },
          maxReceiveCount: spec.maxReceiveCount,
        },
      });
      expect(resources[ref(deadLetterQueue)].Properties.FifoQueue, spec.key).toBe(true);
      // Operators inspect and redrive from the DLQ: its URL is an output of the stack.
      expect(outputs[`${pascal(spec.key)}DeadLetterQueueUrl`]?.Value, spec.key).toEqual({ Ref: ref(deadLetterQueue) });
    }
    dev.statefulTemplate.resourceCountIs('AWS::SQS::Queue', 2 * queueSpecs.length);
  });

  it('passes cdk-nag AwsSolutions with nothing left unsuppressed, in every stage', () => {
    expect([...nagFindings(dev.stateful), ...nagFindings(prod.stateful)]).toEqual([]);
  });

  it('declares the expected resources, tables counted per TABLES entry and queues per QUEUES entry', () => {
    const { 'AWS::DynamoDB::GlobalTable': tables, ...others } = resourceCounts(dev.statefulTemplate);
    expect(tables).toBe(specs.length);
    const [perQueue = {}, ...rest] = queueSpecs.map((spec) =>
      resourceCountsOf(dev.stateful.queues[spec.key as QueueKey]),
    );
    for (const counts of rest) expect(counts).toEqual(perQueue);
    expect({ fixed: fixedCounts(others, [[queueSpecs.length, perQueue]]), perQueue }).toMatchInlineSnapshot(`
      {
        "fixed": {
          "AWS::CloudWatch::Alarm": 0,
          "AWS::KMS::Alias": 2,
          "AWS::KMS::Key": 2,
          "AWS::SNS::Topic": 1,
          "AWS::SNS::TopicPolicy": 1,
          "AWS::SQS::Queue": 0,
          "AWS::SQS::QueuePolicy": 0,
          "AWS::SecretsManager::Secret": 2,
        },
        "perQueue": {
          "AWS::CloudWatch::Alarm": 1,
          "AWS::SQS::Queue": 2,
          "AWS::SQS::QueuePolicy": 2,
        },
      }
    `);
  });
});
