import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { projectRoot } from '../../../infra/bundling.ts';
import { createRelais, type Relais } from '../../../infra/relais.ts';
import { type Route, routes } from '../../../functions/routes.ts';

/** The context of cdk.json, so tests synthesise what `npx cdk synth` would. */
export const cdkContext = (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

export interface Synthesised extends Relais {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

/**
 * Both stacks of one stage with bundling skipped (`aws:cdk:bundling-stacks: []`): the templates are those
 * of a real synth except for the asset hashes. Synthesise once per test file and share the result.
 */
export function synthesiseRelais(stage = 'dev', withRoutes: readonly Route[] = routes): Synthesised {
  const app = new App({ context: { ...cdkContext, stage, 'aws:cdk:bundling-stacks': [] } });
  const relais = createRelais(app, withRoutes);
  return {
    ...relais,
    app,
    statefulTemplate: Template.fromStack(relais.stateful),
    statelessTemplate: Template.fromStack(relais.stateless),
  };
}

/** cdk-nag findings left after suppressions, as `rule: path` lines (empty when the stack is clean). */
export function nagFindings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp('^AwsSolutions-');
  return [...annotations.findError('*', pattern), ...annotations.findWarning('*', pattern)].map(
    (finding) => `${/^AwsSolutions-[\w]+(\[[^\]]*\])?/.exec(String(finding.entry.data))?.[0] ?? 'AwsSolutions'}: ${finding.id}`,
  );
}

/** How many resources of each type a template declares, sorted by type: a compact snapshot of a stack. */
export function resourceCounts(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of Object.values(template.toJSON().Resources as Record<string, { Type: string }>)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
