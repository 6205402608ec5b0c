import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type TableKey } from '../../../adapters/dynamodb/tables.ts';
import { QUEUES, type QueueKey, type QueueSpec } from '../../../functions/queues.ts';
import { SECRETS, type SecretKey } from '../../../functions/secrets.ts';
import { statisticsEnvironment } from '../../../core/stats/policy.ts';
import { type Route, routes } from '../../../functions/routes.ts';
import { projectRoot } from '../../../infra/bundling.ts';
import type { RelaisFunction } from '../../../infra/constructs/relais-function.ts';
import {
  fixedCounts,
  nagFindings,
  resourceCounts,
  resourceCountsOf,
  synthesiseRelais,
  type Synthesised,
} from '../support/synth.ts';

/** CloudFormation JSON as the assertions library returns it. */
type Json = Record<string, any>;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const queueSpecs = Object.values(QUEUES) as QueueSpec[];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** What `queue.grantSendMessages` and `queue.attachConsumer` give; anything more on a queue is a wider grant. */
const QUEUE_ACTIONS = {
  send: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
  consume: [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ],
  /** A consumer that also sends to its own queue (the delivery function queues change feed pushes). */
  'consume+send': [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
    'sqs:SendMessage',
  ],
};
const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat();
const serviceOf = (action: string) => action.split(':')[0]!;
const sortedEntries = <T>(record: Readonly<Partial<Record<string, T>>>) =>
  Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/** A queue, or (`<key> DLQ`) its dead-letter queue: what an SQS grant may point at. */
type QueueTarget = QueueKey | `${QueueKey} DLQ`;
const dlqOf = (key: QueueKey): QueueTarget => `${key} DLQ`;

/** A deployed function with what it was declared to touch: an HTTP route's, or a queue consumer's. */
interface Deployed {
  readonly name: string;
  readonly fn: RelaisFunction;
  readonly tables: Readonly<Partial<Record<TableKey, 'read' | 'readwrite'>>>;
  readonly queues: Readonly<Partial<Record<QueueKey, 'send' | 'redrive' | 'consume' | 'consume+send'>>>;
  readonly secrets: Readonly<Partial<Record<SecretKey, 'read'>>>;
}

/** What a declaration grants on each queue and DLQ: redriving is consuming the DLQ and sending to the queue. */
const expectedQueueActions = (queues: Deployed['queues']) =>
  Object.fromEntries(
    sortedEntries(queues)
      .flatMap(([key, use]): Array<[QueueTarget, string[]]> =>
        use === 'redrive'
          ? [
              [key as QueueKey, QUEUE_ACTIONS.send],
              [dlqOf(key as QueueKey), QUEUE_ACTIONS.consume],
            ]
          : [[key as QueueKey, QUEUE_ACTIONS[use!]]],
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe('route table', () => {
  it.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route.entry]))(
    '%s has its handler file %s',
    (_key, entry) => {
      expect(existsSync(join(projectRoot, entry)), `${entry} is missing`).toBe(true);
    },
  );
});

describe('queue table', () => {
  it.each(queueSpecs.map((spec) => [spec.key, spec.consumer.entry]))(
    'the %s queue has its consumer file %s',
    (_key, entry) => {
      expect(existsSync(join(projectRoot, entry)), `${entry} is missing`).toBe(true);
    },
  );
});

describe('StatelessStack', () => {
  let relais: Synthesised;
  let resources: Record<string, Json>;
  const id = (construct: IConstruct) => relais.stateless.getLogicalId(construct.node.defaultChild as CfnResource);
  const statefulId = (construct: IConstruct) =>
    relais.stateful.getLogicalId(construct.node.defaultChild as CfnResource);
  const fnOf = (route: Route) => {
    const fn = relais.stateless.functions.get(route);
    if (!fn) throw new Error(`no function for ${route.path}`);
    return fn;
  };
  const consumerOf = (spec: QueueSpec) => {
    const fn = relais.stateless.consumers.get(spec.key as QueueKey);
    if (!fn) throw new Error(`no consumer for the ${spec.key} queue`);
    return fn;
  };
  const deployed = (): Deployed[] => [
    ...routes.map((route) => ({
      name: route.entry,
      fn: fnOf(route),
      tables: route.tables,
      queues: route.queues ?? {},
      secrets: route.secrets ?? {},
    })),
    ...queueSpecs.map((spec) => ({
      name: spec.consumer.entry,
      fn: consumerOf(spec),
      tables: spec.consumer.tables,
      queues: {
        ...Object.fromEntries((spec.consumer.sends ?? []).map((key) => [key, 'send' as const])),
        [spec.key]: spec.consumer.sends?.includes(spec.key) ? ('consume+send' as const) : ('consume' as const),
      },
      secrets: {},
    })),
  ];
  const statementsOf = (fn: RelaisFunction): Statement[] => {
    const roleId = id(fn.role);
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: Json) => role.Ref === roleId))
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
  };
  /** The stateful resource a grant points at, recognised by its logical id in the stateful stack's exports. */
  const targetOf = <K extends string>(
    kind: string,
    resource: unknown,
    constructs: Readonly<Record<K, IConstruct>>,
  ): K => {
    const text = JSON.stringify(resource);
    const key = (Object.keys(constructs) as K[]).find((k) => text.includes(statefulId(constructs[k])));
    if (!key) throw new Error(`grant on something that is not a Relais ${kind}: ${text}`);
    return key;
  };
  const tableOf = (resource: unknown) => targetOf<TableKey>('table', resource, relais.stateful.tables);
  // A queue, or its DLQ: only the functions that declare 'redrive' may have a grant on a DLQ.
  const queueOf = (resource: unknown) =>
    targetOf<QueueTarget>(
      'queue',
      resource,
      Object.fromEntries<IConstruct>(
        Object.entries(relais.stateful.queues).flatMap(([k, q]) => [
          [k, q.queue],
          [dlqOf(k as QueueKey), q.deadLetterQueue],
        ]),
      ) as Record<QueueTarget, IConstruct>,
    );
  /** Every action a function may take on each target of one service. */
  const actionsByTarget = <K extends string>(
    statements: Statement[],
    service: string,
    target: (resource: unknown) => K,
  ) => {
    const byTarget = new Map<K, Set<string>>();
    for (const statement of statements.filter((s) => actionsOf(s).some((a) => serviceOf(a) === service))) {
      for (const resource of resourcesOf(statement))
        byTarget.set(target(resource), new Set([...(byTarget.get(target(resource)) ?? []), ...actionsOf(statement)]));
    }
    return byTarget;
  };

  beforeAll(() => {
    relais = synthesiseRelais('dev');
    resources = relais.statelessTemplate.toJSON().Resources;
  });

  it('serves every route of functions/routes.ts through its own function, and nothing else', () => {
    const apiRoutes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort(),
    );
    for (const route of routes) {
      const apiRoute = apiRoutes.find((r) => r.Properties.RouteKey === `${route.method.toUpperCase()} ${route.path}`)!;
      const integrationId = apiRoute.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(resources[integrationId]?.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [id(fnOf(route).function), 'Arn'] },
      });
    }
    expect(new Set(routes.map((route) => id(fnOf(route).function))).size).toBe(routes.length);
  });

  it("consumes every queue of functions/queues.ts with its own function, sized by the queue's spec", () => {
    const mappings = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(queueSpecs.length);
    for (const spec of queueSpecs) {
      const fn = consumerOf(spec);
      expect(resources[id(fn.function)]!.Properties.Timeout, spec.key).toBe(spec.consumer.timeoutSeconds);
      const own = mappings.filter((m) => m.Properties.FunctionName.Ref === id(fn.function));
      expect(own, spec.key).toHaveLength(1);
      expect(own[0]!.Properties).toMatchObject({
        BatchSize: spec.consumer.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(queueOf(own[0]!.Properties.EventSourceArn), spec.key).toBe(spec.key);
      expect(JSON.stringify(own[0]!.Properties.EventSourceArn), spec.key).toMatch(
        /^\{"Fn::ImportValue":"[^"]*Arn[^"]*"\}$/,
      );
    }
  });

  it('keeps each queue message invisible for at least six times its consumer timeout', () => {
    const queues = relais.statefulTemplate.toJSON().Resources;
    for (const spec of queueSpecs) {
      const timeout = resources[id(consumerOf(spec).function)]!.Properties.Timeout as number;
      expect(
        queues[statefulId(relais.stateful.queues[spec.key as QueueKey].queue)].Properties.VisibilityTimeout,
        spec.key,
      ).toBeGreaterThanOrEqual(6 * timeout);
    }
  });

  it('runs every function on nodejs22.x arm64 with Powertools settings, the name of every table and the URL of every queue', () => {
    for (const { name, fn } of deployed()) {
      const { Properties } = resources[id(fn.function)]!;
      expect(Properties, name).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      expect(Object.keys(Properties.Environment.Variables), name).toEqual(
        expect.arrayContaining([
          'POWERTOOLS_SERVICE_NAME',
          'POWERTOOLS_METRICS_NAMESPACE',
          'POWERTOOLS_LOG_LEVEL',
          'NODE_OPTIONS',
          ...Object.values(TABLES).map((t) => t.env),
          ...Object.values(SECRETS).map((t) => t.env),
        ]),
      );
      expect(Properties.Environment.Variables.POWERTOOLS_LOG_LEVEL, name).toBe(relais.stage.config.logLevel);
      // The statistics policy of the stage (core/stats/policy.ts), read back by the composition root.
      expect(Properties.Environment.Variables, name).toMatchObject(
        statisticsEnvironment(relais.stage.config.statistics),
      );
      for (const spec of queueSpecs) {
        // The queue's URL (its Ref), not its DLQ's and not its ARN.
        const url = JSON.stringify(Properties.Environment.Variables[spec.env]);
        expect(url, `${name}: ${spec.env}`).toMatch(
          new RegExp(
            `^\\{"Fn::ImportValue":"[^"]*Ref${statefulId(relais.stateful.queues[spec.key as QueueKey].queue)}[^"]*"\\}$`,
          ),
        );
      }
    }
  });

  it("gives a DLQ's URL, in its queue's dlqEnv, to the functions that declare 'redrive' on that queue and to no other", () => {
    const redrivable = queueSpecs.filter((spec) => spec.dlqEnv !== undefined);
    expect(redrivable.map((spec) => spec.key)).toEqual(['referralDelivery']);
    for (const { name, fn, queues } of deployed()) {
      const variables = resources[id(fn.function)]!.Properties.Environment.Variables;
      for (const spec of redrivable) {
        const url = variables[spec.dlqEnv!];
        if (queues[spec.key as QueueKey] !== 'redrive') {
          expect(url, `${name}: ${spec.dlqEnv}`).toBeUndefined();
          continue;
        }
        expect(JSON.stringify(url), `${name}: ${spec.dlqEnv}`).toMatch(
          new RegExp(
            `^\\{"Fn::ImportValue":"[^"]*Ref${statefulId(relais.stateful.queues[spec.key as QueueKey].deadLetterQueue)}[^"]*"\\}$`,
          ),
        );
      }
    }
  });

  it('grants each function exactly the tables, queues and secrets it declares, read-only where declared, never on *', () => {
    const secretOf = (resource: unknown) => targetOf<SecretKey>('secret', resource, relais.stateful.secrets);
    for (const { name, fn, tables, queues, secrets } of deployed()) {
      const statements = statementsOf(fn);
      expect(statements.flatMap(resourcesOf), name).not.toContain('*');
      for (const statement of statements)
        expect(new Set(actionsOf(statement).map(serviceOf)).size, `${name}: ${JSON.stringify(statement)}`).toBe(1);

      const byTable = actionsByTarget(statements, 'dynamodb', tableOf);
      expect(
        Object.fromEntries(
          [...byTable.keys()].sort().map((k) => [k, byTable.get(k)!.has('dynamodb:PutItem') ? 'readwrite' : 'read']),
        ),
        name,
      ).toEqual(Object.fromEntries(sortedEntries(tables)));
      for (const [table, actions] of byTable) {
        if (tables[table] === 'read')
          expect(
            [...actions].filter((a) => WRITE_ACTIONS.includes(a)),
            `${name} on ${table}`,
          ).toEqual([]);
        else expect([...actions], `${name} on ${table}`).toEqual(expect.arrayContaining(WRITE_ACTIONS));
      }

      const byQueue = actionsByTarget(statements, 'sqs', queueOf);
      expect(Object.fromEntries([...byQueue.keys()].sort().map((k) => [k, [...byQueue.get(k)!].sort()])), name).toEqual(
        expectedQueueActions(queues),
      );

      const bySecret = actionsByTarget(statements, 'secretsmanager', secretOf);
      expect(
        Object.fromEntries([...bySecret.keys()].sort().map((k) => [k, [...bySecret.get(k)!].sort()])),
        name,
      ).toEqual(
        Object.fromEntries(
          sortedEntries(secrets).map(([k]) => [k, ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']]),
        ),
      );

      for (const statement of statements.filter(
        (s) => !['dynamodb', 'sqs', 'secretsmanager'].includes(serviceOf(actionsOf(s)[0]!)),
      )) {
        const service = serviceOf(actionsOf(statement)[0]!);
        if (service === 'logs') expect(statement.Resource, name).toEqual({ 'Fn::GetAtt': [id(fn.logGroup), 'Arn'] });
        else if (service === 'kms')
          expect(JSON.stringify(statement.Resource), name).toMatch(
            /^\{"Fn::ImportValue":"[^"]*DataKey[^"]*Arn[^"]*"\}$/,
          );
        else throw new Error(`${name} has an unexpected grant: ${JSON.stringify(statement)}`);
      }
    }
  });

  it("gives DLQ access only to the functions that declare 'redrive', and exactly receive, change visibility, delete and read attributes", () => {
    const withDlqAccess = deployed().flatMap(({ name, fn }) => {
      const byQueue = actionsByTarget(statementsOf(fn), 'sqs', queueOf);
      const onDlqs = [...byQueue].filter(([target]) => target.endsWith(' DLQ'));
      return onDlqs.map(([target, actions]) => [name, target, [...actions].sort()] as const);
    });
    expect(withDlqAccess).toEqual([
      ['functions/http/admin/list-dead-letters.ts', 'referralDelivery DLQ', QUEUE_ACTIONS.consume],
      ['functions/http/admin/redrive-dead-letters.ts', 'referralDelivery DLQ', QUEUE_ACTIONS.consume],
    ]);
    expect(routes.filter((r) => Object.values(r.queues ?? {}).includes('redrive')).map((r) => r.entry)).toEqual(
      withDlqAccess.map(([name]) => name),
    );
  });

  it('lets only the routes that hand out cursors read the cursor key', () => {
    const readers = deployed().filter(({ fn }) =>
      statementsOf(fn).some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue')),
    );
    expect(readers.map((d) => d.name).sort()).toEqual([
      'functions/http/admin/list-reviews.ts',
      'functions/http/admin/list-services.ts',
      'functions/http/get-person.ts',
      'functions/http/list-changes.ts',
      'functions/http/list-records.ts',
      'functions/http/list-referrals.ts',
      'functions/http/read-referral-inbox.ts',
      'functions/http/search-services.ts',
    ]);
  });

  it("keeps every function's logs and the access logs for the stage's retention", () => {
    const logGroups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(routes.length + queueSpecs.length + 1);
    for (const [, group] of logGroups)
      expect(group.Properties.RetentionInDays).toBe(relais.stage.config.logRetentionDays);
    for (const { name, fn } of deployed())
      expect(resources[id(fn.function)]!.Properties.LoggingConfig, name).toEqual({
        LogGroup: { Ref: id(fn.logGroup) },
      });
  });

  it('throttles the stage and writes access logs that name no person', () => {
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: relais.stage.config.throttle.rateLimit,
      ThrottlingBurstLimit: relais.stage.config.throttle.burstLimit,
    });
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    const variables = Object.values(format);
    expect(
      variables.filter((v) => /identity|path|querystring|header|authorizer|requestOverride|domainPrefix/i.test(v)),
    ).toEqual([]);
  });

  it('alarms on every function failing or being throttled and on API 5xx, to the alarm topic', () => {
    const alarms = Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties);
    const topic = JSON.stringify(alarms[0]?.AlarmActions);
    expect(topic).toMatch(/AlarmTopic/);
    for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toBe(topic);
    for (const { name, fn } of deployed()) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms.filter(
            (a) =>
              a.MetricName === metric &&
              JSON.stringify(a.Dimensions) ===
                JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id(fn.function) } }]),
          ),
          `${name}: ${metric}`,
        ).toHaveLength(1);
      }
    }
    expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
  });

  it('passes cdk-nag AwsSolutions with nothing left unsuppressed', () => {
    expect(nagFindings(relais.stateless)).toEqual([]);
  });

  it('declares a fixed set of resources plus the same set per route and per queue consumer', () => {
    const all = resourceCounts(relais.statelessTemplate);
    const one = resourceCounts(synthesiseRelais('dev', routes.slice(0, 1)).statelessTemplate);
    // Routes can be left out of a synthesis, queues cannot (QUEUES is read by the stack): a consumer is
    // measured as what its construct declares, the same for every queue.
    const perRoute = Object.fromEntries(
      Object.keys(all).map((type) => [type, ((all[type] ?? 0) - (one[type] ?? 0)) / (routes.length - 1)]),
    );
    const [perConsumer = {}, ...rest] = queueSpecs.map((spec) => resourceCountsOf(consumerOf(spec)));
    for (const counts of rest) expect(counts).toEqual(perConsumer);
    const fixed = fixedCounts(all, [
      [routes.length, perRoute],
      [queueSpecs.length, perConsumer],
    ]);
    expect({ fixed, perRoute, perConsumer }).toMatchInlineSnapshot(`
      {
        "fixed": {
          "AWS::ApiGatewayV2::Api": 1,
          "AWS::ApiGatewayV2::Integration": 0,
          "AWS::ApiGatewayV2::Route": 0,
          "AWS::ApiGatewayV2::Stage": 1,
          "AWS::CloudWatch::Alarm": 1,
          "AWS::IAM::Policy": 0,
          "AWS::IAM::Role": 0,
          "AWS::Lambda::EventSourceMapping": 0,
          "AWS::Lambda::Function": 0,
          "AWS::Lambda::Permission": 0,
          "AWS::Logs::LogGroup": 1,
        },
        "perConsumer": {
          "AWS::CloudWatch::Alarm": 2,
          "AWS::IAM::Policy": 1,
          "AWS::IAM::Role": 1,
          "AWS::Lambda::EventSourceMapping": 1,
          "AWS::Lambda::Function": 1,
          "AWS::Logs::LogGroup": 1,
        },
        "perRoute": {
          "AWS::ApiGatewayV2::Api": 0,
          "AWS::ApiGatewayV2::Integration": 1,
          "AWS::ApiGatewayV2::Route": 1,
          "AWS::ApiGatewayV2::Stage": 0,
          "AWS::CloudWatch::Alarm": 2,
          "AWS::IAM::Policy": 1,
          "AWS::IAM::Role": 1,
          "AWS::Lambda::EventSourceMapping": 0,
          "AWS::Lambda::Function": 1,
          "AWS::Lambda::Permission": 1,
          "AWS::Logs::LogGroup": 1,
        },
      }
    `);
  });
});
