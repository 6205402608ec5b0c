import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { projectRoot } from '../../../infra/bundling.ts';
import type { AdminAssets } from '../../../infra/constructs/admin-site.ts';
import { createRelais, type Relais } from '../../../infra/relais.ts';
import { type Route, routes } from '../../../functions/routes.ts';

/** The context of cdk.json, so tests synthesise what `npx cdk synth` would. */
export const cdkContext = (
  JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

/**
 * A built admin UI in miniature, laid out as ui/build.ts writes it: index.html, hashed script and stylesheet
 * under assets/, and one unhashed file (an icon) that must be revalidated like index.html.
 */
export const ADMIN_ASSETS_FIXTURE: AdminAssets = {
  dir: join(projectRoot, 'test', 'infra', 'fixtures', 'admin-site'),
  revalidated: ['index.html', 'icons/relais.svg'],
};

export interface Synthesised extends Relais {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  readonly siteTemplate: Template;
}

/**
 * The stacks of one stage with bundling skipped (`aws:cdk:bundling-stacks: []`): the templates are those
 * of a real synth except for the asset hashes. Synthesise once per test file and share the result.
 */
export function synthesiseRelais(stage = 'dev', withRoutes: readonly Route[] = routes): Synthesised {
  const app = new App({ context: { ...cdkContext, stage, 'aws:cdk:bundling-stacks': [] } });
  const relais = createRelais(app, withRoutes, { adminAssets: ADMIN_ASSETS_FIXTURE });
  return {
    ...relais,
    app,
    statefulTemplate: Template.fromStack(relais.stateful),
    statelessTemplate: Template.fromStack(relais.stateless),
    siteTemplate: Template.fromStack(relais.site),
  };
}

/** cdk-nag findings left after suppressions, as `rule: path` lines (empty when the stack is clean). */
export function nagFindings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp('^AwsSolutions-');
  return [...annotations.findError('*', pattern), ...annotations.findWarning('*', pattern)].map(
    (finding) =>
      `${/^AwsSolutions-[\w]+(\[[^\]]*\])?/.exec(String(finding.entry.data))?.[0] ?? 'AwsSolutions'}: ${finding.id}`,
  );
}

/** How many resources of each type a template declares, sorted by type: a compact snapshot of a stack. */
export function resourceCounts(template: Template): Record<string, number> {
  return countTypes(
    Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((resource) => resource.Type),
  );
}

/** How many resources of each type a construct declares with everything under it: what one more instance adds to its stack. */
export function resourceCountsOf(scope: IConstruct): Record<string, number> {
  return countTypes(
    scope.node
      .findAll()
      .filter(CfnResource.isCfnResource)
      .map((resource) => resource.cfnResourceType),
  );
}

/** `counts` less `times` × `each` for every part: what a stack declares once, however many routes or queues it has. */
export function fixedCounts(
  counts: Record<string, number>,
  parts: ReadonlyArray<readonly [times: number, each: Record<string, number>]>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([type, count]) => [
      type,
      parts.reduce((rest, [times, each]) => rest - times * (each[type] ?? 0), count),
    ]),
  );
}

function countTypes(types: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
