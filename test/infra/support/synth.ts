import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { projectRoot } from '../../../infra/bundling.ts';
import { createRelais, type Relais } from '../../../infra/relais.ts';
import { routes } from '../../../functions/routes.ts';

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
export function synthesiseRelais(stage = 'dev', extraContext: Record<string, unknown> = {}): Synthesised {
  const app = new App({ context: { ...cdkContext, stage, 'aws:cdk:bundling-stacks': [], ...extraContext } });
  const relais = createRelais(app, routes);
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
