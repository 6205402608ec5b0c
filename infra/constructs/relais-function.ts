import { join } from 'node:path';
import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { cdkBundling, projectRoot } from '../bundling.ts';
import { alarmOnAny } from './alarm-on-any.ts';
import { suppressKeyActionWildcards } from './kms-grant-suppression.ts';

export const SERVICE_NAME = 'relais';
export const METRICS_NAMESPACE = 'Relais';

export interface RelaisFunctionProps {
  /** The handler module relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly logRetention: RetentionDays;
  readonly logLevel: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly alarmTopic: ITopic;
}

/**
 * A Relais Lambda with the project's defaults: nodejs22.x on arm64, bundled locally by esbuild (no
 * Docker), its own log group with a retention, a role that can write to that log group and nothing else
 * until the caller grants more, Powertools configuration, and alarms on errors and throttles.
 */
export class RelaisFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: RelaisFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      bundling: cdkBundling(),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
    });
    NagSuppressions.addResourceSuppressions(this.function, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the deliberate target (ARCHITECTURE.md: code is developed and tested on Node 20 and bundled for 22); ' +
          'moving to a newer runtime is a tested change, not an automatic one.',
      },
    ]);
    // The role's policy must exist before the function runs, or the first invocations cannot log.
    this.function.node.addDependency(this.role);

    this.alarms = this.createAlarms(props);
  }

  /**
   * Grants exactly `access` on `table` (and on its key): `read` for GetItem/Query/Scan, `readwrite` adds
   * Put/Update/Delete. The wildcards CDK's grants contain are confined to this table and this key, and
   * each is suppressed in cdk-nag for this table only, so a wider grant elsewhere still fails the check.
   */
  grantTable(table: ITableV2, access: 'read' | 'readwrite'): void {
    if (access === 'readwrite') table.grantReadWriteData(this.function);
    else table.grantReadData(this.function);
    const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: `Query on the secondary indexes of table ${table.node.id} only: the wildcard stands for that one table's index names.`,
          appliesTo: [{ regex: `/^Resource::.*${logicalId}.*\\/index\\/\\*$/` }],
        },
      ],
      true,
    );
    if (access === 'readwrite') suppressKeyActionWildcards(this.role, 'Writing to a table');
  }

  private createAlarms(props: RelaisFunctionProps): Alarm[] {
    const period = { period: Duration.minutes(5), statistic: 'Sum' };
    return [
      alarmOnAny(this, 'ErrorsAlarm', {
        description: `The function failed (${props.entry})`,
        metric: this.function.metricErrors(period),
        topic: props.alarmTopic,
      }),
      alarmOnAny(this, 'ThrottlesAlarm', {
        description: `The function was throttled (${props.entry})`,
        metric: this.function.metricThrottles(period),
        topic: props.alarmTopic,
      }),
    ];
  }
}
