import { z } from 'zod';
import { DEFAULT_PROFILE, PROFILE_NAMES } from '../core/matching/profiles.ts';
import { StatisticsConfig } from '../core/stats/policy.ts';

/** CloudFront takes certificates and web ACLs from us-east-1 only, whatever the stacks' region. */
const AdminSiteConfig = z
  .strictObject({
    /** A custom domain for the site; without it viewers use the *.cloudfront.net name (and its TLS policy). */
    domainName: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/)
      .optional(),
    /** The ACM certificate covering domainName, in us-east-1; required with domainName. */
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, 'an ACM certificate ARN in us-east-1')
      .optional(),
    /** A WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1) to attach to the distribution. */
    webAclArn: z
      .string()
      .regex(
        /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]{36}$/,
        'a CLOUDFRONT-scope WAFv2 web ACL ARN',
      )
      .optional(),
  })
  .superRefine((site, ctx) => {
    if ((site.domainName === undefined) !== (site.certificateArn === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [site.domainName === undefined ? 'domainName' : 'certificateArn'],
        message: 'domainName and certificateArn go together',
      });
  });

/**
 * What differs between deployments, read from CDK context (cdk.json `relais:stages`, chosen with
 * `-c stage=prod`). Everything else is fixed in code so that dev and prod run the same shape.
 */
export const StageConfig = z.strictObject({
  /** Target account; when absent the stacks are environment-agnostic, so `cdk synth` needs no credentials. */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .default('eu-west-1'),
  /** Deletion protection on tables; prod must not lose a child's record to a mistaken `cdk destroy`. */
  deletionProtection: z.boolean(),
  logRetentionDays: z.union([z.literal(14), z.literal(30), z.literal(90), z.literal(180), z.literal(365)]),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
  /** Steady-state requests per second and burst for the whole API stage. */
  throttle: z.strictObject({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }),
  /** The person registry's matching profile (core/matching/profiles.ts): children's data by default. */
  matchProfile: z.enum(PROFILE_NAMES as [string, ...string[]]).default(DEFAULT_PROFILE.name),
  /** Statistics (GET /v1/stats): k, the period grid, custom age sets, who may see the organisation dimension. */
  statistics: StatisticsConfig.default({ k: 5, grid: 'quarter', ageSets: {}, organisationViewers: [] }),
  /** Receives alarm notifications; leave out to subscribe later (the topic exists either way). */
  alarmEmail: z.email().optional(),
  /** The admin interface's CloudFront distribution (infra/constructs/admin-site.ts). */
  adminSite: AdminSiteConfig.default({}),
});
export type StageConfig = z.infer<typeof StageConfig>;

export const Stages = z.record(z.string().regex(/^[a-z][a-z0-9-]{1,15}$/), z.unknown());

export interface Stage {
  readonly name: string;
  readonly config: StageConfig;
}

/** The stage named by `stageName`, validated; errors name the offending field. */
export function resolveStage(stages: unknown, stageName: unknown): Stage {
  const all = Stages.parse(stages ?? {});
  const name = typeof stageName === 'string' ? stageName : 'dev';
  if (!(name in all))
    throw new Error(`Unknown stage "${name}"; cdk.json context relais:stages declares: ${Object.keys(all).join(', ')}`);
  const parsed = StageConfig.safeParse(all[name]);
  if (!parsed.success) throw new Error(`Invalid configuration for stage "${name}": ${z.prettifyError(parsed.error)}`);
  return { name, config: parsed.data };
}
