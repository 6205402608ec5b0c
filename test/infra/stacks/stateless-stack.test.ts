import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type TableKey } from '../../../adapters/dynamodb/tables.ts';
import { type Route, routes } from '../../../functions/routes.ts';
import { projectRoot } from '../../../infra/bundling.ts';
import { nagFindings, resourceCounts, synthesiseRelais, type Synthesised } from '../support/synth.ts';

/** CloudFormation JSON as the assertions library returns it. */
type Json = Record<string, any>;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat();

describe('route table (PROPERTIES.md 10)', () => {
  it.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route.entry]))('%s has its handler file %s', (_key, entry) => {
    expect(existsSync(join(projectRoot, entry)), `${entry} is missing`).toBe(true);
  });
});

describe('StatelessStack', () => {
  let relais: Synthesised;
  let resources: Record<string, Json>;
  const id = (construct: { node: { defaultChild?: unknown } }) => relais.stateless.getLogicalId(construct.node.defaultChild as CfnResource);
  const fnOf = (route: Route) => {
    const fn = relais.stateless.functions.get(route);
    if (!fn) throw new Error(`no function for ${route.path}`);
    return fn;
  };
  const statementsOf = (route: Route): Statement[] => {
    const roleId = id(fnOf(route).role);
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: Json) => role.Ref === roleId))
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
  };
  /** The table a resource of a grant points at, recognised by the table's logical id in the stateful stack. */
  const tableOf = (resource: unknown): TableKey => {
    const text = JSON.stringify(resource);
    const key = (Object.keys(TABLES) as TableKey[]).find((k) => text.includes(relais.stateful.getLogicalId(relais.stateful.tables[k].node.defaultChild as CfnResource)));
    if (!key) throw new Error(`grant on something that is not a Relais table: ${text}`);
    return key;
  };

  beforeAll(() => {
    relais = synthesiseRelais('dev');
    resources = relais.statelessTemplate.toJSON().Resources;
  });

  it('serves every route of functions/routes.ts through its own function, and nothing else (PROPERTIES.md 10)', () => {
    const apiRoutes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    for (const route of routes) {
      const apiRoute = apiRoutes.find((r) => r.Properties.RouteKey === `${route.method.toUpperCase()} ${route.path}`)!;
      const integrationId = apiRoute.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(resources[integrationId]?.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [id(fnOf(route).function), 'Arn'] } });
    }
    expect(new Set(routes.map((route) => id(fnOf(route).function))).size).toBe(routes.length);
  });

  it('runs every function on nodejs22.x arm64 with Powertools settings and the name of every table', () => {
    for (const route of routes) {
      const { Properties } = resources[id(fnOf(route).function)]!;
      expect(Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(Object.keys(Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS', ...Object.values(TABLES).map((t) => t.env)]),
      );
      expect(Properties.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe(relais.stage.config.logLevel);
    }
  });

  it('grants each function exactly the tables its route declares, read-only where declared, never on * (PROPERTIES.md 33)', () => {
    for (const route of routes) {
      const statements = statementsOf(route);
      expect(statements.flatMap(resourcesOf), route.entry).not.toContain('*');
      const actionsByTable = new Map<TableKey, Set<string>>();
      for (const statement of statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))) {
        for (const resource of resourcesOf(statement)) {
          const table = tableOf(resource);
          actionsByTable.set(table, new Set([...(actionsByTable.get(table) ?? []), ...actionsOf(statement)]));
        }
      }
      expect(Object.fromEntries([...actionsByTable.keys()].sort().map((k) => [k, actionsByTable.get(k)!.has('dynamodb:PutItem') ? 'readwrite' : 'read'])), route.entry).toEqual(
        Object.fromEntries(Object.entries(route.tables).sort(([a], [b]) => a.localeCompare(b))),
      );
      for (const [table, actions] of actionsByTable) {
        if (route.tables[table] === 'read') expect([...actions].filter((a) => WRITE_ACTIONS.includes(a)), `${route.entry} on ${table}`).toEqual([]);
        else expect([...actions], `${route.entry} on ${table}`).toEqual(expect.arrayContaining(WRITE_ACTIONS));
      }
      const others = statements.filter((s) => !actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      for (const statement of others) {
        const service = new Set(actionsOf(statement).map((a) => a.split(':')[0]));
        expect([...service], route.entry).toHaveLength(1);
        if (service.has('logs')) expect(statement.Resource).toEqual({ 'Fn::GetAtt': [id(fnOf(route).logGroup), 'Arn'] });
        else if (service.has('kms')) expect(JSON.stringify(statement.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*DataKey[^"]*Arn[^"]*"\}$/);
        else throw new Error(`${route.entry} has an unexpected grant: ${JSON.stringify(statement)}`);
      }
    }
  });

  it("keeps every function's logs and the access logs for the stage's retention (PROPERTIES.md 33)", () => {
    const logGroups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(routes.length + 1);
    for (const [, group] of logGroups) expect(group.Properties.RetentionInDays).toBe(relais.stage.config.logRetentionDays);
    for (const route of routes) expect(resources[id(fnOf(route).function)]!.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: id(fnOf(route).logGroup) } });
  });

  it('throttles the stage and writes access logs that name no person', () => {
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: relais.stage.config.throttle.rateLimit, ThrottlingBurstLimit: relais.stage.config.throttle.burstLimit });
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    const variables = Object.values(format);
    expect(variables.filter((v) => /identity|path|querystring|header|authorizer|requestOverride|domainPrefix/i.test(v))).toEqual([]);
  });

  it('alarms on every function failing or being throttled and on API 5xx, to the alarm topic', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties);
    const topic = JSON.stringify(alarms[0]?.AlarmActions);
    expect(topic).toMatch(/AlarmTopic/);
    for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toBe(topic);
    for (const route of routes) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms.filter((a) => a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id(fnOf(route).function) } }]))).toHaveLength(1);
      }
    }
    expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
  });

  it('passes cdk-nag AwsSolutions with nothing left unsuppressed', () => {
    expect(nagFindings(relais.stateless)).toEqual([]);
  });

  it('declares a fixed set of resources plus the same set per route', () => {
    const all = resourceCounts(relais.statelessTemplate);
    const one = resourceCounts(synthesiseRelais('dev', routes.slice(0, 1)).statelessTemplate);
    const perRoute = Object.fromEntries(Object.keys(all).map((type) => [type, ((all[type] ?? 0) - (one[type] ?? 0)) / (routes.length - 1)]));
    const fixed = Object.fromEntries(Object.keys(all).map((type) => [type, (all[type] ?? 0) - routes.length * perRoute[type]!]));
    expect({ fixed, perRoute }).toMatchInlineSnapshot(`
      {
        "fixed": {
          "AWS::ApiGatewayV2::Api": 1,
          "AWS::ApiGatewayV2::Integration": 0,
          "AWS::ApiGatewayV2::Route": 0,
          "AWS::ApiGatewayV2::Stage": 1,
          "AWS::CloudWatch::Alarm": 1,
          "AWS::IAM::Policy": 0,
          "AWS::IAM::Role": 0,
          "AWS::Lambda::Function": 0,
          "AWS::Lambda::Permission": 0,
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
          "AWS::Lambda::Function": 1,
          "AWS::Lambda::Permission": 1,
          "AWS::Logs::LogGroup": 1,
        },
      }
    `);
  });
});
