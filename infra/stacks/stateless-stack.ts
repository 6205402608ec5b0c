import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { TABLES, type TableKey } from '../../adapters/dynamodb/tables.ts';
import { statisticsEnvironment } from '../../core/stats/policy.ts';
import { QUEUES, type QueueKey, type QueueSpec } from '../../functions/queues.ts';
import type { Route } from '../../functions/routes.ts';
import { SECRETS, type SecretKey } from '../../functions/secrets.ts';
import type { FifoQueueWithDlq } from '../constructs/fifo-queue-with-dlq.ts';
import type { Stage } from '../config.ts';
import { alarmOnAny } from '../constructs/alarm-on-any.ts';
import { RelaisFunction } from '../constructs/relais-function.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: Stage;
  /** Every route becomes one function and one API route; adding a route needs no change here. */
  readonly routes: readonly Route[];
  readonly tables: Readonly<Record<TableKey, ITableV2>>;
  /** Every queue gets its consumer here; producers are the routes that declare it. */
  readonly queues: Readonly<Record<QueueKey, FifoQueueWithDlq>>;
  /** Read only by the routes that declare them. */
  readonly secrets: Readonly<Record<SecretKey, ISecret>>;
  readonly alarmTopic: ITopic;
}

/** HTTP handlers answer well within API Gateway's 30 s integration limit. */
const HTTP_FUNCTION_TIMEOUT = Duration.seconds(15);
const HTTP_FUNCTION_MEMORY_MB = 1024;

/**
 * Access log fields: enough to trace a request to its function logs and see how it ended; nothing a person
 * could be identified by (no source IP, user agent, query string, path parameters, headers or body).
 */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const functionId = (route: Route) =>
  route.operation.operationId.charAt(0).toUpperCase() + route.operation.operationId.slice(1);

/** The API and its functions: replaceable at any time, holding no data of their own. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<Route, RelaisFunction>;
  readonly consumers: ReadonlyMap<QueueKey, RelaisFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { name, config } = props.stage;

    this.api = new HttpApi(this, 'Api', {
      apiName: `relais-${name}`,
      description: `Relais ${name}: webhook ingestion and records API`,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetentionDays });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });

    // Every function may name every table (the composition root reads them all); grants decide access.
    const tableEnvironment = Object.fromEntries(
      Object.entries(props.tables).map(([key, table]) => [TABLES[key as TableKey].env, table.tableName]),
    );
    const queueEnvironment = Object.fromEntries(
      Object.entries(props.queues).map(([key, q]) => [QUEUES[key as QueueKey].env, q.queue.queueUrl]),
    );
    // A secret's ARN is no secret; only the routes that declare it may read its value.
    const secretEnvironment = Object.fromEntries(
      Object.entries(props.secrets).map(([key, secret]) => [SECRETS[key as SecretKey].env, secret.secretArn]),
    );
    const environment = {
      RELAIS_STAGE: name,
      RELAIS_MATCH_PROFILE: config.matchProfile,
      ...statisticsEnvironment(config.statistics),
      ...tableEnvironment,
      ...queueEnvironment,
      ...secretEnvironment,
    };
    // Referenced, not passed as is: granting on the stateful stack's own Secret would write the functions'
    // roles into the data key's policy there, and the two stacks would depend on each other.
    const secrets = Object.fromEntries(
      Object.entries(props.secrets).map(([key, secret]) => [
        key,
        Secret.fromSecretAttributes(this, `${pascal(key)}SecretRef`, {
          secretCompleteArn: secret.secretArn,
          ...(secret.encryptionKey
            ? { encryptionKey: Key.fromKeyArn(this, `${pascal(key)}SecretKeyRef`, secret.encryptionKey.keyArn) }
            : {}),
        }),
      ]),
    ) as Record<SecretKey, ISecret>;
    // A DLQ's URL goes only to the functions that redrive it: no other function has a use for it.
    const dlqEnvironment = (route: Route) =>
      Object.fromEntries(
        Object.entries(route.queues ?? {})
          .filter(([, use]) => use === 'redrive')
          .map(([key]) => {
            const spec: QueueSpec = QUEUES[key as QueueKey];
            if (!spec.dlqEnv) throw new Error(`${route.path} redrives ${key}, whose QueueSpec names no dlqEnv`);
            return [spec.dlqEnv, props.queues[key as QueueKey].deadLetterQueue.queueUrl];
          }),
      );
    const functions = new Map<Route, RelaisFunction>();
    for (const route of props.routes) {
      const fn = new RelaisFunction(this, functionId(route), {
        entry: route.entry,
        description: `${route.method.toUpperCase()} ${route.path}`,
        timeout: HTTP_FUNCTION_TIMEOUT,
        memorySize: HTTP_FUNCTION_MEMORY_MB,
        logRetention: config.logRetentionDays,
        logLevel: config.logLevel,
        environment: { ...environment, ...dlqEnvironment(route) },
        alarmTopic: props.alarmTopic,
      });
      for (const [key, access] of Object.entries(route.tables)) fn.grantTable(props.tables[key as TableKey], access);
      for (const [key, use] of Object.entries(route.queues ?? {})) {
        const queue = props.queues[key as QueueKey];
        if (use === 'redrive') queue.grantRedrive(fn.function);
        else queue.grantSendMessages(fn.function);
      }
      for (const key of Object.keys(route.secrets ?? {})) secrets[key as SecretKey].grantRead(fn.function);
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method.toUpperCase() as keyof typeof HttpMethod]],
        integration: new HttpLambdaIntegration(`${functionId(route)}Integration`, fn.function),
      });
      functions.set(route, fn);
    }
    this.functions = functions;

    const consumers = new Map<QueueKey, RelaisFunction>();
    for (const spec of Object.values(QUEUES) as QueueSpec[]) {
      const fn = new RelaisFunction(this, `${pascal(spec.consumer.functionName)}Consumer`, {
        entry: spec.consumer.entry,
        description: `Consumes the ${spec.key} queue`,
        timeout: Duration.seconds(spec.consumer.timeoutSeconds),
        memorySize: HTTP_FUNCTION_MEMORY_MB,
        logRetention: config.logRetentionDays,
        logLevel: config.logLevel,
        environment,
        alarmTopic: props.alarmTopic,
      });
      for (const [key, access] of Object.entries(spec.consumer.tables))
        fn.grantTable(props.tables[key as TableKey], access);
      // A key QUEUES does not declare fails the synthesis here (sends is typed loosely: QueueKey is derived from QUEUES).
      for (const key of spec.consumer.sends ?? []) props.queues[key as QueueKey].queue.grantSendMessages(fn.function);
      props.queues[spec.key as QueueKey].attachConsumer(fn.function, { batchSize: spec.consumer.batchSize });
      consumers.set(spec.key as QueueKey, fn);
    }
    this.consumers = consumers;

    alarmOnAny(this, 'Api5xxAlarm', {
      description: 'The API answered 5xx',
      metric: this.stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      topic: props.alarmTopic,
    });

    NagSuppressions.addResourceSuppressions(
      this.api,
      [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'Every route authenticates in its handler: sources by Standard Webhooks signature over the raw body (an API ' +
            'Gateway authorizer cannot see the body) or per-source API key, readers by hashed organisation API key; ' +
            'the organisation always comes from the verified credential. /health and /openapi.json are public by design.',
        },
      ],
      true,
    );
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the Relais API' });
  }
}
