import * as z from 'zod';
import { AgeSetName } from '../../core/stats/age-sets.ts';
import { DIMENSIONS } from '../../core/stats/children-table.ts';
import type { StatsReport } from '../../core/stats/report.ts';
import { ReferralStatus } from '../canonical/referral.ts';

const dimensionNames = DIMENSIONS.join('|');

export const StatsQuery = z.strictObject({
  from: z.iso.date().meta({ description: 'First day counted (inclusive)' }),
  to: z.iso.date().meta({ description: 'Last day counted (inclusive)' }),
  by: z
    .string()
    .regex(new RegExp(`^(${dimensionNames})(,(${dimensionNames}))*$`))
    .optional()
    .meta({ description: `Comma-separated dimensions (${DIMENSIONS.join(', ')}); none: one total` }),
  ageSet: AgeSetName.optional().meta({
    description: 'Age brackets: primero (default), unhcr, unicef, or one the deployment defines',
  }),
  view: z.enum(['own', 'all']).default('own').meta({
    description:
      "own: your organisation's records, exact. all: every organisation's, small cells suppressed, whole ended periods only",
  }),
  format: z.enum(['json', 'csv']).default('json'),
});
export type StatsQuery = z.output<typeof StatsQuery>;

const PublishedCount = z
  .strictObject({
    count: z.number().int().min(0).nullable().meta({ description: 'null when suppressed' }),
    suppressed: z
      .enum(['primary', 'secondary'])
      .optional()
      .meta({ description: 'primary: a count of 1 to k-1; secondary: hidden so that no primary can be recomputed' }),
  })
  .meta({ id: 'PublishedCount' });

const ReferralCounts = Object.fromEntries(
  [
    'referrals',
    'accepted',
    'completed',
    'overdue',
    'undeliverable',
    ...ReferralStatus.options.map((s) => `status:${s}`),
  ].map((key) => [key, PublishedCount]),
);

export const StatsReportView = z
  .strictObject({
    period: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
    view: z.enum(['own', 'all']),
    k: z.number().int().optional().meta({ description: 'The suppression threshold, in the all view' }),
    ageSet: z.string(),
    dimensions: z.array(z.enum(DIMENSIONS)),
    values: z.array(z.array(z.string())).meta({ description: "Each dimension's values, in order" }),
    cells: z.array(PublishedCount).meta({ description: 'Row-major over the dimensions, the last fastest' }),
    margins: z.array(z.array(PublishedCount)),
    total: PublishedCount.extend({ counts: z.enum(['children', 'child-values']) }),
    children: PublishedCount.meta({ description: 'Distinct children, whatever the dimensions' }),
    referrals: z.strictObject({
      ...ReferralCounts,
      acceptanceRate: z.number().nullable(),
      completionRate: z.number().nullable(),
      medianDaysToAcceptance: z.number().nullable(),
      medianDaysToCompletion: z.number().nullable(),
    }),
    computedAt: z.iso.datetime().meta({ description: 'Across organisations: when the table was first published' }),
  })
  .meta({ id: 'StatsReport' });

/** The report's documented shape and the core's own type must agree (a compile-time check). */
export const reportMatchesView = (report: StatsReport): z.input<typeof StatsReportView> => report;

export const StatsOptionsView = z
  .strictObject({
    grid: z
      .enum(['quarter', 'month'])
      .meta({ description: 'The calendar grid every table across organisations is on' }),
    k: z.number().int().meta({ description: 'Across organisations, cells of 1 to k-1 are suppressed' }),
    maxDimensions: z.number().int().meta({ description: 'At most this many dimensions in one table' }),
    dimensions: z.strictObject({ own: z.array(z.enum(DIMENSIONS)), all: z.array(z.enum(DIMENSIONS)) }).meta({
      description: 'The dimensions open to you in each view (organisation across organisations only if listed)',
    }),
    defaultAgeSet: z.string(),
    ageSets: z.array(
      z.strictObject({
        name: z.string(),
        brackets: z.array(z.strictObject({ min: z.number().int(), max: z.number().int().optional() })),
        values: z
          .array(z.string())
          .meta({ description: 'The values the age dimension takes under this set, in order' }),
      }),
    ),
    labels: z
      .strictObject({
        dimensions: z.record(z.enum(DIMENSIONS), z.string()),
        values: z.partialRecord(z.enum(DIMENSIONS), z.record(z.string(), z.string())),
        special: z.record(z.string(), z.string()),
      })
      .meta({ description: 'Labels in the Accept-Language: dimensions, code lists, and none/unknown/outside' }),
  })
  .meta({ id: 'StatsOptions' });
