import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, type CfnBucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ADMIN_PREFIX, ADMIN_SECURITY_HEADERS } from '../../ui/build.ts';

/** The API's own paths: everything the UI calls, on the same origin, so that it needs no CORS. */
export const API_PATH_PATTERNS = ['/v1/*', '/health', '/openapi.json'] as const;

/** What the local runtime answers for the admin UI (adapters/local/static-site.ts), so the two agree. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * A viewer-request CloudFront Function (cloudfront-js-2.0), answering as the local runtime does: the app
 * routes in the browser, so any path under /admin/ whose last segment has no dot (not a file) is answered
 * with index.html, and /admin is sent to /admin/. `/` goes to the app; anything else is answered 404 here,
 * because the bucket holds nothing outside admin/ and S3 without list rights would answer 403 in XML.
 * Distribution-wide error responses could do the rewrite too, but they would also replace the API's own
 * problem+json 403s and 404s with the page.
 */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '${ADMIN_PREFIX}') {
    return {
      statusCode: uri === '/' ? 302 : 308,
      statusDescription: uri === '/' ? 'Found' : 'Permanent Redirect',
      headers: { location: { value: '${ADMIN_PREFIX}/' } },
    };
  }
  if (uri.indexOf('${ADMIN_PREFIX}/') !== 0) return { statusCode: 404, statusDescription: 'Not Found' };
  if (uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) request.uri = '${ADMIN_PREFIX}/index.html';
  return request;
}
`;

/**
 * The built UI's headers (ui/build.ts, the same the local runtime sends) as a CloudFront response headers
 * policy, plus HSTS, which only the HTTPS side can promise. CloudFront takes these four headers only as
 * security headers, never as custom ones; any further header of the build is passed on as a custom header.
 */
export function securityHeadersOf(headers: Readonly<Record<string, string>>) {
  const {
    'content-security-policy': csp,
    'x-content-type-options': contentType,
    'x-frame-options': frame,
    'referrer-policy': referrer,
    ...others
  } = headers;
  if (!csp) throw new Error('The admin UI declares no content-security-policy');
  if (contentType !== undefined && contentType !== 'nosniff')
    throw new Error(`x-content-type-options ${contentType}: CloudFront can only send nosniff`);
  const frameOption = { DENY: HeadersFrameOption.DENY, SAMEORIGIN: HeadersFrameOption.SAMEORIGIN }[frame ?? ''];
  if (frame !== undefined && !frameOption) throw new Error(`x-frame-options ${frame}: not DENY or SAMEORIGIN`);
  const referrerPolicy = Object.values(HeadersReferrerPolicy).find((policy) => policy === referrer);
  if (referrer !== undefined && !referrerPolicy)
    throw new Error(`referrer-policy ${referrer}: not a policy CloudFront knows`);
  return {
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      ...(contentType ? { contentTypeOptions: { override: true } } : {}),
      ...(frameOption ? { frameOptions: { frameOption, override: true } } : {}),
      ...(referrerPolicy ? { referrerPolicy: { referrerPolicy, override: true } } : {}),
    },
    ...(Object.keys(others).length
      ? {
          customHeadersBehavior: {
            customHeaders: Object.entries(others).map(([header, value]) => ({ header, value, override: true })),
          },
        }
      : {}),
  };
}

/** The built UI on disk: what ui/build.ts wrote, and which of its files are not named by their hash. */
export interface AdminAssets {
  readonly dir: string;
  /** Relative to dir: index.html and any file not named by its content hash, revalidated on every load. */
  readonly revalidated: readonly string[];
}

export interface AdminSiteProps {
  /** The built app: index.html at the root of its directory, beside the hashed scripts and styles it loads. */
  readonly assets: AdminAssets;
  /** The HTTP API's endpoint URL (`HttpApi.apiEndpoint`), the distribution's second origin. */
  readonly apiEndpoint: string;
  /** How long the distribution's and the bucket's access logs are kept, and the deployment function's logs. */
  readonly logRetentionDays: RetentionDays;
  /** A custom domain and its us-east-1 ACM certificate: viewers then get TLS 1.2 at least. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** A WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1) to put in front of the distribution. */
  readonly webAclArn?: string;
}

/**
 * The admin interface on AWS: its files in a private bucket that only this distribution can read (Origin
 * Access Control), the API as the distribution's second origin, security headers on every answer.
 */
export class AdminSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly rewrite: CloudFrontFunction;
  readonly headers: ResponseHeadersPolicy;
  /** Hashed files (long cache) and the others, index.html first among them (revalidated on every load). */
  readonly files: { readonly immutable: readonly string[]; readonly revalidated: readonly string[] };

  constructor(scope: Construct, id: string, props: AdminSiteProps) {
    super(scope, id);
    this.files = classifyAssets(props.assets);

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront's standard logs are delivered with an ACL grant, which needs object ownership by the writer.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(this.logBucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'This is the access-log bucket of the admin site and its distribution; logging it to itself would loop and ' +
          'to another bucket would only move the question. Objects expire after the stage log retention.',
      },
    ]);

    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'bucket/',
      // Build output only, rebuilt from the repository at every deploy: versions would keep nothing worth keeping.
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.rewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      comment: `Serves ${ADMIN_PREFIX}/index.html for app paths under ${ADMIN_PREFIX}`,
      code: FunctionCode.fromInline(SPA_REWRITE_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Relais admin site and API: the UI headers of ui/build.ts and HSTS',
      ...securityHeadersOf(ADMIN_SECURITY_HEADERS),
    });

    // Honours each object's own Cache-Control (min TTL 0): a year for hashed files, revalidation for index.html.
    const siteCache = new CachePolicy(this, 'SiteCache', {
      comment: 'Relais admin site: follows the Cache-Control each file was uploaded with',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const api = {
      origin: new HttpOrigin(Fn.parseDomainName(props.apiEndpoint), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // With caching disabled, the all-viewer policies forward Authorization too (CloudFront refuses it in an
      // origin request policy only when responses could be cached). The API needs its own Host, not ours.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Relais admin site and API',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: siteCache,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: this.rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, api])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'distribution/',
      logIncludesCookies: false,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });

    this.suppressDistributionFindings(props);
    this.deploy(props);
  }

  /** The URL an administrator opens. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}${ADMIN_PREFIX}/`;
  }

  /**
   * Two deployments of one asset: the hashed files first, cached for a year, then index.html and any other
   * unhashed file, revalidated on every load, so a new index.html never names a script not yet uploaded. Old
   * hashed files are kept (no prune): a tab opened before a deploy still finds the scripts its page names.
   */
  private deploy(props: AdminSiteProps): void {
    const source = Source.asset(props.assets.dir);
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const common = {
      sources: [source],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${ADMIN_PREFIX.slice(1)}/`,
      prune: false,
      logGroup,
      memoryLimit: 256,
    };
    const immutable = new BucketDeployment(this, 'DeployHashedFiles', {
      ...common,
      exclude: [...this.files.revalidated],
      cacheControl: [CacheControl.fromString(IMMUTABLE)],
    });
    const revalidated = new BucketDeployment(this, 'DeployEntryFiles', {
      ...common,
      exclude: ['*'],
      include: [...this.files.revalidated],
      cacheControl: [CacheControl.fromString(REVALIDATE)],
    });
    revalidated.node.addDependency(immutable);
    this.suppressDeploymentFindings(immutable);
  }

  private suppressDistributionFindings(props: AdminSiteProps): void {
    const suppressions = [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Partner administrators sign in from wherever they work (field offices, headquarters abroad, travel); the ' +
          'organisation API key is the control, not the country. A deployment that wants a country list puts it in ' +
          'the WAF web ACL named by the stage config (adminSite.webAclArn).',
      },
    ];
    if (!props.webAclArn)
      suppressions.push({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CLOUDFRONT-scope web ACL must be created in us-east-1, outside these stacks; a deployment attaches one by ' +
          'setting adminSite.webAclArn in its stage config. The API behind it throttles per stage and authenticates every call.',
      });
    if (!props.domain)
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose security ' +
          'policy cannot be raised to TLS 1.2; a deployment with a domain sets adminSite.domainName and ' +
          'adminSite.certificateArn in its stage config, and gets TLSv1.2_2021.',
      });
    NagSuppressions.addResourceSuppressions(this.distribution, suppressions);
  }

  /**
   * Both deployments run CDK's one singleton function (per memory size); its role and runtime are CDK's. Each
   * finding is suppressed where it arises: the managed policy on the role, the wildcards on its policy.
   */
  private suppressDeploymentFindings(deployment: BucketDeployment): void {
    const role = deployment.handlerRole;
    NagSuppressions.addResourceSuppressions(role, [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          "CDK's BucketDeployment function role has the AWSLambdaBasicExecutionRole managed policy, which lets it " +
          'write its own logs and nothing else.',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
    ]);
    NagSuppressions.addResourceSuppressions(role.node.findChild('DefaultPolicy'), [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "CDK's BucketDeployment grant: read the staged asset in the bootstrap asset bucket and write the admin " +
          "site's files; the wildcards are S3 action families and the objects of those two buckets only.",
        appliesTo: [
          'Action::s3:GetObject*',
          'Action::s3:GetBucket*',
          'Action::s3:List*',
          'Action::s3:DeleteObject*',
          'Action::s3:Abort*',
          { regex: '/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-[a-z0-9-]+\\/\\*$/' },
          `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
        ],
      },
    ]);
    const handler = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error('BucketDeployment declared no singleton function where CDK puts it');
    NagSuppressions.addResourceSuppressions(handler, [
      {
        id: 'AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment function runs the Python runtime its aws-cdk-lib version ships; it moves with CDK " +
          'upgrades, runs only during deploys and handles no personal data.',
      },
    ]);
  }
}

/**
 * Every file of the build (relative, `/`-separated), split as the build marked them. Refuses a build without
 * index.html, or one that names a file it did not write: a deploy would otherwise publish a broken site.
 */
export function classifyAssets({ dir, revalidated }: AdminAssets): AdminSite['files'] {
  if (!existsSync(join(dir, 'index.html')) || !revalidated.includes('index.html')) {
    throw new Error(`${dir} holds no index.html to revalidate: build the admin UI (ui/build.ts) before synthesising`);
  }
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
  const missing = revalidated.filter((file) => !files.includes(file));
  if (missing.length) throw new Error(`${dir} lacks ${missing.join(', ')}, which the build names`);
  return {
    immutable: files.filter((file) => !revalidated.includes(file)),
    revalidated: ['index.html', ...[...revalidated].filter((file) => file !== 'index.html').sort()],
  };
}
