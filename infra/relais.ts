import { type App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Route } from '../functions/routes.ts';
import { resolveStage, type Stage } from './config.ts';
import type { AdminAssets } from './constructs/admin-site.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { SiteStack } from './stacks/site-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export interface Relais {
  readonly stage: Stage;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly site: SiteStack;
}

export interface RelaisOptions {
  /** The built admin UI: infra/app.ts builds it (infra/admin-assets.ts) before synthesising; tests pass a fixture. */
  readonly adminAssets: AdminAssets;
}

/**
 * Declares the three stacks for the stage named by the `stage` context (default dev) and runs the cdk-nag
 * AwsSolutions pack over them: the deploy (infra/app.ts) and the tests build exactly this.
 */
export function createRelais(app: App, routes: readonly Route[], options: RelaisOptions): Relais {
  const stage = resolveStage(app.node.tryGetContext('relais:stages'), app.node.tryGetContext('stage'));
  // The region is part of the stage on purpose (data residency): the caller's default region never moves it.
  // Without a configured account the CLI's credentials decide; without credentials the stacks stay
  // environment-agnostic, which is what lets `cdk synth` run offline.
  const env = { account: stage.config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: stage.config.region };
  const prefix = `Relais-${stage.name}`;
  const tags = { project: 'relais', stage: stage.name };
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    stage,
    tags,
    description: `Relais ${stage.name}: tables, keys, secrets, alarm topic`,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    stage,
    tags,
    description: `Relais ${stage.name}: HTTP API and functions`,
    routes,
    tables: stateful.tables,
    queues: stateful.queues,
    secrets: stateful.secrets,
    alarmTopic: stateful.alarmTopic,
  });
  const site = new SiteStack(app, `${prefix}-Site`, {
    env,
    stage,
    tags,
    description: `Relais ${stage.name}: admin interface (CloudFront, S3) in front of the API`,
    adminAssets: options.adminAssets,
    apiEndpoint: stateless.api.apiEndpoint,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { stage, stateful, stateless, site };
}
