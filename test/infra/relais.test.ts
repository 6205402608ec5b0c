import { beforeAll, describe, expect, it } from 'vitest';
import { synthesiseRelais, type Synthesised } from './support/synth.ts';

interface Suppression {
  id: string;
  reason: string;
  applies_to?: Array<string | { regex: string }>;
}

/** Rules the project has reviewed and accepted, with where they may apply; anything else needs a review. */
const REVIEWED = new Set(['AwsSolutions-APIG4', 'AwsSolutions-L1', 'AwsSolutions-IAM5', 'AwsSolutions-SMG4']);

describe('createRelais', () => {
  let relais: Synthesised;
  let suppressions: Suppression[];

  beforeAll(() => {
    relais = synthesiseRelais('prod');
    suppressions = [relais.statefulTemplate, relais.statelessTemplate].flatMap((template) =>
      Object.values(
        template.toJSON().Resources as Record<
          string,
          { Metadata?: { cdk_nag?: { rules_to_suppress: Suppression[] } } }
        >,
      ).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []),
    );
  });

  it('names both stacks after the stage and deploys them to the configured region', () => {
    expect([relais.stateful.stackName, relais.stateless.stackName]).toEqual([
      'Relais-prod-Stateful',
      'Relais-prod-Stateless',
    ]);
    expect([relais.stateful.region, relais.stateless.region]).toEqual([
      relais.stage.config.region,
      relais.stage.config.region,
    ]);
    expect(relais.stateless.dependencies).toContain(relais.stateful);
  });

  it('suppresses only reviewed cdk-nag rules, each with a specific reason', () => {
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) {
      expect(REVIEWED, suppression.id).toContain(suppression.id);
      expect(suppression.reason.length, suppression.id).toBeGreaterThanOrEqual(80);
    }
  });

  it('never suppresses a wildcard finding wholesale: every IAM5 suppression names what it applies to', () => {
    const iam5 = suppressions.filter((s) => s.id === 'AwsSolutions-IAM5');
    expect(iam5.length).toBeGreaterThan(0);
    for (const suppression of iam5) {
      expect(suppression.applies_to?.length, suppression.reason).toBeGreaterThan(0);
      for (const target of suppression.applies_to ?? []) {
        const text = typeof target === 'string' ? target : target.regex;
        expect(text).toMatch(
          /^(Action::kms:(GenerateDataKey|ReEncrypt)\*|\/\^Resource::\.\*\w+Table\w+\.\*\\\/index\\\/\\\*\$\/)$/,
        );
      }
    }
  });
});
