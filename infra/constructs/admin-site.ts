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

/** Where the single-page app lives on the distribution, and under which key prefix in the bucket. */
export const ADMIN_PATH = '/admin';

/** The API's own paths: everything the UI calls, on the same origin, so that it needs no CORS. */
export const API_PATH_PATTERNS = ['/v1/*', '/health', '/openapi.json'] as const;

/**
 * The page may load and call only its own origin, never be framed, and give nothing away in a Referer.
 * The app is bundled (no inline script), and Preact sets styles through the DOM, which CSP does not restrict.
 */
export const ADMIN_CONTENT_SECURITY_POLICY =
  "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

/** esbuild names emitted files `name-HASH.ext` with an eight-character upper-case base32 hash. */
const HASHED_FILE = /-[A-Z0-9]{8}\.[A-Za-z0-9.]+$/;

/** A file whose name carries its content hash may be cached for good; any other must be revalidated. */
export const isContentHashed = (file: string): boolean => HASHED_FILE.test(file.split('/').pop()!);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * A viewer-request CloudFront Function (cloudfront-js-2.0): the app routes on the client, so any path under
 * /admin whose last segment has no dot (not a file) is answered with the app's index.html; `/` goes to the
 * app. Anything else is answered 404 here: the bucket holds nothing outside admin/, and S3 without list
 * rights would answer 403 with an XML body. Distribution-wide error responses would do the rewrite too, but
 * they would also replace the API's own problem+json 403s and 404s with the page.
 */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '${ADMIN_PATH}/' } } };
  }
  if (uri !== '${ADMIN_PATH}' && uri.indexOf('${ADMIN_PATH}/') !== 0) {
    return { statusCode: 404, statusDescription: 'Not Found' };
  }
  var last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '${ADMIN_PATH}/index.html';
  return request;
}
`;

export interface AdminSiteProps {
  /** A directory holding the built app: index.html at its root and the hashed scripts and styles it loads. */
  readonly assetsDir: string;
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
    this.files = classifyAssets(props.assetsDir);

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
      comment: `Serves ${ADMIN_PATH}/index.html for app paths under ${ADMIN_PATH}`,
      code: FunctionCode.fromInline(SPA_REWRITE_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Relais admin site and API: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: ADMIN_CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
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
    return `https://${this.distribution.distributionDomainName}${ADMIN_PATH}/`;
  }

  /**
   * Two deployments of one asset: the hashed files first, cached for a year, then index.html and any other
   * unhashed file, revalidated on every load, so a new index.html never names a script not yet uploaded. Old
   * hashed files are kept (no prune): a tab opened before a deploy still finds the scripts its page names.
   */
  private deploy(props: AdminSiteProps): void {
    const source = Source.asset(props.assetsDir);
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const common = {
      sources: [source],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${ADMIN_PATH.slice(1)}/`,
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

/** Every file under `dir` (relative, `/`-separated), split by whether its name carries its content hash. */
export function classifyAssets(dir: string): AdminSite['files'] {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} holds no index.html: build the admin UI (ui/build.ts) before synthesising`);
  }
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
  const revalidated = files.filter((file) => !isContentHashed(file));
  return {
    immutable: files.filter(isContentHashed),
    revalidated: ['index.html', ...revalidated.filter((file) => file !== 'index.html')],
  };
}
