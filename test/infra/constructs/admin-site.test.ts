import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App, Aspects, type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks } from 'cdk-nag';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_PATH_PATTERNS,
  AdminSite,
  type AdminSiteProps,
  classifyAssets,
  securityHeadersOf,
  SPA_REWRITE_FUNCTION,
} from '../../../infra/constructs/admin-site.ts';
import { type StaticFile, staticSiteAnswer } from '../../../adapters/local/static-site.ts';
import { ADMIN_PREFIX, ADMIN_SECURITY_HEADERS } from '../../../ui/build.ts';
import { ADMIN_ASSETS_FIXTURE, nagFindings } from '../support/synth.ts';

/** CloudFormation JSON as the assertions library returns it. */
type Json = Record<string, any>;

const API_DOMAIN = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const DOMAIN = {
  name: 'admin.relais.example.org',
  certificateArn: `arn:aws:acm:us-east-1:123456789012:certificate/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`,
};
const WEB_ACL = `arn:aws:wafv2:us-east-1:123456789012:global/webacl/relais/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`;

interface Built {
  readonly stack: Stack;
  readonly site: AdminSite;
  readonly resources: Record<string, Json>;
}

function build(extra: Partial<AdminSiteProps> = {}): Built {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Site', { env: { region: 'eu-west-1' } });
  const site = new AdminSite(stack, 'AdminSite', {
    assets: ADMIN_ASSETS_FIXTURE,
    apiEndpoint: `https://${API_DOMAIN}`,
    logRetentionDays: 14,
    ...extra,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { stack, site, resources: Template.fromStack(stack).toJSON().Resources };
}

const ofType = (resources: Record<string, Json>, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (resources: Record<string, Json>, type: string): Json => {
  const found = ofType(resources, type);
  expect(found, type).toHaveLength(1);
  return found[0]![1].Properties;
};

/** Runs the function's code as CloudFront would, on a viewer request for `uri`. */
function viewerRequest(uri: string): Json {
  const request = { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} };
  return runInNewContext(`${SPA_REWRITE_FUNCTION}\nhandler(event);`, { event: { version: '1.0', request } }) as Json;
}

describe('AdminSite', () => {
  let plain: Built;
  let withDomain: Built;
  const id = (built: Built, construct: { node: { defaultChild?: unknown } }) =>
    built.stack.getLogicalId(construct.node.defaultChild as CfnResource);
  const distributionOf = (built: Built): Json =>
    only(built.resources, 'AWS::CloudFront::Distribution').DistributionConfig;
  const originOf = (built: Built, targetId: string): Json =>
    distributionOf(built).Origins.find((o: Json) => o.Id === targetId);

  /** The two uploads: hashed files (no include list) and the revalidated ones. */
  const deploymentsOf = (built: Built) => {
    const deployments = ofType(built.resources, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    return {
      hashed: deployments.find(([, d]) => d.Properties.Include === undefined)!,
      entry: deployments.find(([, d]) => d.Properties.Include !== undefined)!,
    };
  };

  beforeAll(() => {
    plain = build();
    withDomain = build({ domain: DOMAIN, webAclArn: WEB_ACL });
  });

  it('keeps the files in a private, encrypted, access-logged bucket that refuses plain HTTP and TLS below 1.2', () => {
    const bucket = plain.resources[id(plain, plain.site.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: id(plain, plain.site.logBucket) });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    const policy = ofType(plain.resources, 'AWS::S3::BucketPolicy').find(
      ([, r]) => r.Properties.Bucket.Ref === id(plain, plain.site.bucket),
    )![1].Properties.PolicyDocument.Statement as Json[];
    expect(policy.filter((s) => s.Effect === 'Deny').map((s) => s.Condition)).toEqual([
      { Bool: { 'aws:SecureTransport': 'false' } },
      { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    ]);
  });

  it('lets only this distribution read the bucket, through Origin Access Control signing every request', () => {
    const allows = (
      ofType(plain.resources, 'AWS::S3::BucketPolicy').find(
        ([, r]) => r.Properties.Bucket.Ref === id(plain, plain.site.bucket),
      )![1].Properties.PolicyDocument.Statement as Json[]
    ).filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(
      `{"Ref":"${id(plain, plain.site.distribution)}"}`,
    );
    const oac = ofType(plain.resources, 'AWS::CloudFront::OriginAccessControl');
    expect(oac).toHaveLength(1);
    expect(oac[0]![1].Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = originOf(plain, distributionOf(plain).DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [id(plain, plain.site.bucket), 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac[0]![0], 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('sends /v1/*, /health and /openapi.json to the API uncached, every method, all viewer headers but Host, over TLS 1.2', () => {
    const config = distributionOf(plain);
    expect(config.Origins).toHaveLength(2);
    const behaviours = config.CacheBehaviors as Json[];
    expect(behaviours.map((b) => b.PathPattern)).toEqual([...API_PATH_PATTERNS]);
    for (const behaviour of behaviours) {
      expect(behaviour, behaviour.PathPattern).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: plain.stack.resolve(CachePolicy.CACHING_DISABLED.cachePolicyId),
        OriginRequestPolicyId: plain.stack.resolve(
          OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ),
        ViewerProtocolPolicy: 'https-only',
      });
      expect(originOf(plain, behaviour.TargetOriginId), behaviour.PathPattern).toEqual({
        Id: behaviour.TargetOriginId,
        DomainName: API_DOMAIN,
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      });
    }
  });

  it('serves every other path from the bucket through the SPA rewrite, with no error page that could hide an API answer', () => {
    const config = distributionOf(plain);
    const rewrite = id(plain, plain.site.rewrite);
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      ViewerProtocolPolicy: 'redirect-to-https',
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [rewrite, 'FunctionARN'] } }],
    });
    // Error responses apply to every behaviour: they would turn the API's problem+json 403 and 404 into the page.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultRootObject).toBeUndefined();
    expect(plain.resources[rewrite]!.Properties).toMatchObject({
      AutoPublish: true,
      FunctionCode: SPA_REWRITE_FUNCTION,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
  });

  it('follows the Cache-Control of each file on the site: minimum TTL 0, nothing but the path in the cache key', () => {
    const policyId = distributionOf(plain).DefaultCacheBehavior.CachePolicyId.Ref as string;
    expect(plain.resources[policyId]!.Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });
  });

  it.each([
    ['/admin/', '/admin/index.html'],
    ['/admin/reviews', '/admin/index.html'],
    ['/admin/mappings/src_01J9ZK/versions/3', '/admin/index.html'],
    ['/admin/index.html', '/admin/index.html'],
    ['/admin/assets/main-5JXQ2ZK3.js', '/admin/assets/main-5JXQ2ZK3.js'],
    ['/admin/assets/chunks/reviews-Q2W3E4R5.js', '/admin/assets/chunks/reviews-Q2W3E4R5.js'],
    ['/admin/icons/relais.svg', '/admin/icons/relais.svg'],
  ])('the rewrite sends %s to the bucket as %s', (uri, expected) => {
    expect(viewerRequest(uri)).toMatchObject({ uri: expected });
  });

  it('the rewrite redirects / and /admin to /admin/ (308 as the local runtime does), and answers 404 itself outside /admin', () => {
    expect(viewerRequest('/')).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/admin/' } },
    });
    expect(viewerRequest('/admin')).toEqual({
      statusCode: 308,
      statusDescription: 'Permanent Redirect',
      headers: { location: { value: '/admin/' } },
    });
    for (const uri of ['/favicon.ico', '/administrator', '/admin.html', '/index.html', '/v2/records'])
      expect(viewerRequest(uri), uri).toEqual({ statusCode: 404, statusDescription: 'Not Found' });
  });

  it('the rewrite serves index.html for any app path under /admin and leaves any file path as it is', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), segment, segment, (dirs, name, ext) => {
        const prefix = ['/admin', ...dirs].join('/');
        expect(viewerRequest(`${prefix}/${name}`).uri).toBe('/admin/index.html');
        expect(viewerRequest(`${prefix}/${name}.${ext}`).uri).toBe(`${prefix}/${name}.${ext}`);
      }),
    );
  });

  it("answers with the UI's own headers (CSP default-src 'self', frame-ancestors 'none', nosniff, DENY, no-referrer) and HSTS, on the API's answers too", () => {
    const policy = only(plain.resources, 'AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig;
    const csp = ADMIN_SECURITY_HEADERS['content-security-policy']!;
    expect(policy.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 730 * 86400, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: ADMIN_SECURITY_HEADERS['x-frame-options'], Override: true },
      ReferrerPolicy: { ReferrerPolicy: ADMIN_SECURITY_HEADERS['referrer-policy'], Override: true },
    });
    expect(ADMIN_SECURITY_HEADERS).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toEqual(expect.arrayContaining(["default-src 'self'", "frame-ancestors 'none'"]));
    expect(csp).not.toMatch(/unsafe-|\*|https?:/);
    // Every header the build declares reaches the viewer: one CloudFront has no field for is sent as is.
    expect(policy.CustomHeadersConfig).toBeUndefined();
    expect(
      plain.stack.resolve(securityHeadersOf({ ...ADMIN_SECURITY_HEADERS, 'permissions-policy': 'camera=()' }))
        .customHeadersBehavior,
    ).toEqual({ customHeaders: [{ header: 'permissions-policy', value: 'camera=()', override: true }] });
    expect(() => securityHeadersOf({ ...ADMIN_SECURITY_HEADERS, 'x-frame-options': 'ALLOW-FROM x' })).toThrow(
      /x-frame-options/,
    );
    const config = distributionOf(plain);
    const headersId = { Ref: id(plain, plain.site.headers) };
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId, behaviour.PathPattern ?? 'default').toEqual(headersId);
  });

  it('uploads the hashed files with a year of immutable cache, then index.html and the other unhashed files revalidated, under admin/', () => {
    expect(plain.site.files).toEqual({
      immutable: ['assets/main-5JXQ2ZK3.js', 'assets/main-7QZ3K2LM.css'],
      revalidated: ['index.html', 'icons/relais.svg'],
    });
    const {
      hashed: [hashedId, hashed],
      entry: [, entry],
    } = deploymentsOf(plain);
    expect(hashed.Properties).toMatchObject({
      DestinationBucketName: { Ref: id(plain, plain.site.bucket) },
      DestinationBucketKeyPrefix: 'admin/',
      Exclude: ['index.html', 'icons/relais.svg'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Prune: false,
    });
    expect(entry.Properties).toMatchObject({
      DestinationBucketName: { Ref: id(plain, plain.site.bucket) },
      DestinationBucketKeyPrefix: 'admin/',
      Exclude: ['*'],
      Include: ['index.html', 'icons/relais.svg'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      Prune: false,
    });
    expect(entry.Properties.SourceObjectKeys).toEqual(hashed.Properties.SourceObjectKeys);
    expect(entry.DependsOn).toContain(hashedId);
  });

  it('answers as the local runtime answers the same build: the same redirect, the same file for each path, the same Cache-Control', async () => {
    const { hashed, entry } = deploymentsOf(plain);
    const files: StaticFile[] = [...plain.site.files.immutable, ...plain.site.files.revalidated].map((file) => ({
      path: `${ADMIN_PREFIX}/${file}`,
      contentType: 'application/octet-stream',
      body: readFileSync(join(ADMIN_ASSETS_FIXTURE.dir, file)),
      immutable: plain.site.files.immutable.includes(file),
    }));
    const local = staticSiteAnswer({ prefix: ADMIN_PREFIX, load: async () => files, headers: ADMIN_SECURITY_HEADERS });
    const paths = ['/admin', '/admin/', '/admin/reviews/rev_01J9', '/admin/index.html', '/admin/icons/relais.svg'];
    for (const uri of [...paths, ...plain.site.files.immutable.map((file) => `${ADMIN_PREFIX}/${file}`)]) {
      const answer = await local('GET', uri);
      if (answer === 'not-here') throw new Error(`the local runtime does not serve ${uri}`);
      const edge = viewerRequest(uri);
      if (answer.statusCode === 308) {
        expect(edge, uri).toMatchObject({
          statusCode: 308,
          headers: { location: { value: answer.headers!.location } },
        });
        continue;
      }
      const served = files.find((file) => Buffer.from(file.body).toString('base64') === answer.body)!;
      expect(edge.uri, uri).toBe(served.path);
      const uploaded = served.immutable ? hashed[1] : entry[1];
      expect(answer.headers!['cache-control'], uri).toBe(uploaded.Properties.SystemMetadata['cache-control']);
    }
  });

  it('refuses a build without index.html to revalidate, or one naming a file it did not write', () => {
    const { dir } = ADMIN_ASSETS_FIXTURE;
    expect(() => classifyAssets({ dir: 'test/infra/fixtures', revalidated: ['index.html'] })).toThrow(
      /test\/infra\/fixtures holds no index\.html/,
    );
    expect(() => classifyAssets({ dir, revalidated: ['icons/relais.svg'] })).toThrow(/no index\.html/);
    expect(() => classifyAssets({ dir, revalidated: ['index.html', 'robots.txt'] })).toThrow(/lacks robots\.txt/);
  });

  it("logs the distribution (no cookies) and the bucket to a private log bucket that expires them at the stage's retention", () => {
    const logBucketId = id(plain, plain.site.logBucket);
    expect(distributionOf(plain).Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logBucketId, 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'distribution/',
    });
    const logBucket = plain.resources[logBucketId]!;
    expect(logBucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(logBucket.Properties.LifecycleConfiguration.Rules).toEqual([{ ExpirationInDays: 14, Status: 'Enabled' }]);
    expect(logBucket.DeletionPolicy).toBe('Retain');
    // The deployment function (CDK's singleton, shared by both deployments) logs to a group of its own.
    const logGroups = ofType(plain.resources, 'AWS::Logs::LogGroup');
    expect(logGroups).toHaveLength(1);
    const [[logGroupId, logGroup]] = logGroups as [[string, Json]];
    expect(logGroup.Properties.RetentionInDays).toBe(14);
    expect(only(plain.resources, 'AWS::Lambda::Function').LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
  });

  it('without a domain keeps the default certificate; with one serves it with its certificate, TLS 1.2 at least, and the web ACL', () => {
    expect(distributionOf(plain).Aliases).toBeUndefined();
    expect(distributionOf(plain).WebACLId).toBeUndefined();
    expect(distributionOf(withDomain)).toMatchObject({
      Aliases: [DOMAIN.name],
      ViewerCertificate: {
        AcmCertificateArn: DOMAIN.certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      WebACLId: WEB_ACL,
    });
  });

  it('suppresses the TLS and WAF findings only where the deployment gave no domain or web ACL', () => {
    const suppressed = (built: Built) =>
      (built.resources[id(built, built.site.distribution)]!.Metadata.cdk_nag.rules_to_suppress as Json[]).map(
        (s) => s.id,
      );
    expect(suppressed(plain)).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
    expect(suppressed(withDomain)).toEqual(['AwsSolutions-CFR1']);
  });

  it('passes cdk-nag AwsSolutions with nothing left unsuppressed, with and without a domain', () => {
    expect(nagFindings(plain.stack)).toEqual([]);
    expect(nagFindings(withDomain.stack)).toEqual([]);
  });
});
