import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PATH_PATTERNS } from '../../infra/constructs/admin-site.ts';
import { nagFindings, synthesiseRelais, type Synthesised } from './support/synth.ts';

/** CloudFormation JSON as the assertions library returns it. */
type Json = Record<string, any>;

interface Suppression {
  id: string;
  reason: string;
  applies_to?: Array<string | { regex: string }>;
}

/** Rules the project has reviewed and accepted, with where they may apply; anything else needs a review. */
const REVIEWED = new Set([
  'AwsSolutions-APIG4',
  'AwsSolutions-L1',
  'AwsSolutions-IAM5',
  'AwsSolutions-SMG4',
  // The admin site (infra/constructs/admin-site.ts): its log bucket, its distribution, CDK's BucketDeployment role.
  'AwsSolutions-S1',
  'AwsSolutions-CFR1',
  'AwsSolutions-CFR2',
  'AwsSolutions-CFR4',
  'AwsSolutions-IAM4',
]);

/** The only wildcards a suppression may name: KMS action families, table indexes, and CDK's BucketDeployment grant. */
const REVIEWED_IAM5 = [
  /^Action::kms:(GenerateDataKey|ReEncrypt)\*$/,
  /^\/\^Resource::\.\*\w+Table\w+\.\*\\\/index\\\/\\\*\$\/$/,
  /^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\*$/,
  /^Resource::<AdminSiteAssets[0-9A-F]{8}\.Arn>\/\*$/,
  /^\/\^Resource::arn:<AWS::Partition>:s3:::cdk-\[a-z0-9\]\+-assets-<AWS::AccountId>-\[a-z0-9-\]\+\\\/\\\*\$\/$/,
];

describe('createRelais', () => {
  let relais: Synthesised;
  let suppressions: Suppression[];

  beforeAll(() => {
    relais = synthesiseRelais('prod');
    suppressions = [relais.statefulTemplate, relais.statelessTemplate, relais.siteTemplate].flatMap((template) =>
      Object.values(
        template.toJSON().Resources as Record<
          string,
          { Metadata?: { cdk_nag?: { rules_to_suppress: Suppression[] } } }
        >,
      ).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []),
    );
  });

  it('names the three stacks after the stage and deploys them to the configured region', () => {
    expect([relais.stateful.stackName, relais.stateless.stackName, relais.site.stackName]).toEqual([
      'Relais-prod-Stateful',
      'Relais-prod-Stateless',
      'Relais-prod-Site',
    ]);
    expect([relais.stateful.region, relais.stateless.region, relais.site.region]).toEqual([
      relais.stage.config.region,
      relais.stage.config.region,
      relais.stage.config.region,
    ]);
    expect(relais.stateless.dependencies).toContain(relais.stateful);
    expect(relais.site.dependencies).toEqual([relais.stateless]);
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
        expect(
          REVIEWED_IAM5.some((allowed) => allowed.test(text)),
          text,
        ).toBe(true);
      }
    }
  });

  describe('the site stack', () => {
    let resources: Record<string, Json>;
    const siteId = (construct: { node: { defaultChild?: unknown } }) =>
      relais.site.getLogicalId(construct.node.defaultChild as CfnResource);
    const statelessId = (construct: { node: { defaultChild?: unknown } }) =>
      relais.stateless.getLogicalId(construct.node.defaultChild as CfnResource);

    beforeAll(() => {
      resources = relais.siteTemplate.toJSON().Resources;
    });

    it("puts the stateless stack's HTTP API behind the distribution as its second origin, for the API's paths", () => {
      const config = resources[siteId(relais.site.site.distribution)]!.Properties.DistributionConfig as Json;
      const apiOrigins = (config.CacheBehaviors as Json[]).map((b) => b.TargetOriginId as string);
      expect(new Set(apiOrigins).size).toBe(1);
      expect((config.CacheBehaviors as Json[]).map((b) => b.PathPattern)).toEqual([...API_PATH_PATTERNS]);
      const origin = (config.Origins as Json[]).find((o) => o.Id === apiOrigins[0])!;
      // https://<id>.execute-api.<region>.amazonaws.com, imported from the stateless stack, less its scheme.
      expect(JSON.stringify(origin.DomainName)).toMatch(
        new RegExp(
          `^\\{"Fn::Select":\\[0,\\{"Fn::Split":\\["/",\\{"Fn::Select":\\[1,\\{"Fn::Split":\\["//",\\{"Fn::ImportValue":"[^"]*${statelessId(relais.stateless.api)}[^"]*ApiEndpoint[^"]*"\\}\\]\\}\\]\\}\\]\\}\\]\\}$`,
        ),
      );
    });

    it('keeps the access logs for the stage retention and names the admin URL in its outputs', () => {
      const retention = relais.stage.config.logRetentionDays;
      expect(resources[siteId(relais.site.site.logBucket)]!.Properties.LifecycleConfiguration.Rules).toEqual([
        { ExpirationInDays: retention, Status: 'Enabled' },
      ]);
      const outputs = relais.siteTemplate.toJSON().Outputs as Json;
      expect(outputs.AdminUrl.Value).toEqual({
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [siteId(relais.site.site.distribution), 'DomainName'] }, '/admin/'],
        ],
      });
    });

    it('passes cdk-nag AwsSolutions with nothing left unsuppressed', () => {
      expect(nagFindings(relais.site)).toEqual([]);
    });
  });
});
