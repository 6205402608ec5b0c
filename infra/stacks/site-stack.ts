import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Stage } from '../config.ts';
import { type AdminAssets, AdminSite } from '../constructs/admin-site.ts';

export interface SiteStackProps extends StackProps {
  readonly stage: Stage;
  /** The built admin UI (infra/app.ts builds it with ui/build.ts at synth). */
  readonly adminAssets: AdminAssets;
  /** The stateless stack's HTTP API endpoint: the distribution forwards the API paths to it. */
  readonly apiEndpoint: string;
}

/**
 * The admin interface: a CloudFront distribution in front of its files and of the API. A stack of its own so
 * that the API and its functions never wait on a distribution update, and the site holds no data.
 */
export class SiteStack extends Stack {
  readonly site: AdminSite;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const { config } = props.stage;
    this.site = new AdminSite(this, 'AdminSite', {
      assets: props.adminAssets,
      apiEndpoint: props.apiEndpoint,
      logRetentionDays: config.logRetentionDays,
      ...(config.adminSite.domainName && config.adminSite.certificateArn
        ? { domain: { name: config.adminSite.domainName, certificateArn: config.adminSite.certificateArn } }
        : {}),
      ...(config.adminSite.webAclArn ? { webAclArn: config.adminSite.webAclArn } : {}),
    });
    const host = config.adminSite.domainName ?? this.site.distribution.distributionDomainName;
    new CfnOutput(this, 'AdminUrl', {
      value: `https://${host}/admin/`,
      description: 'The admin interface; the API answers on the same origin under /v1',
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
      description: 'Point the custom domain (CNAME or alias) here',
    });
  }
}
