import type * as z from 'zod';
import type { ReferralStatus } from '../../../../schemas/canonical/referral.ts';
import type { StatsOptionsView, StatsReportView } from '../../../../schemas/api/stats.ts';

export type StatsOptions = z.output<typeof StatsOptionsView>;
export type StatsReport = z.output<typeof StatsReportView>;
export type Count = StatsReport['cells'][number];
export type Dimension = StatsReport['dimensions'][number];
export type View = StatsReport['view'];
export type Grid = StatsOptions['grid'];
export type Status = z.output<typeof ReferralStatus>;

export const REFERRAL_COUNTS = ['referrals', 'accepted', 'completed', 'overdue', 'undeliverable'] as const;
/** The schema builds the referral counts' keys from a list, which its output type does not keep. */
export type Referrals = StatsReport['referrals'] & Record<(typeof REFERRAL_COUNTS)[number] | `status:${Status}`, Count>;

/** What the form asks GET /v1/stats, as the screen's address keeps it. */
export interface StatsRequest {
  view: View;
  from: string;
  to: string;
  by: Dimension[];
  ageSet: string;
}

/** A value as the report's CSV words it: code lists from the API's labels, ages and places as they are. */
export const valueLabel = (options: StatsOptions, dimension: Dimension, value: string): string =>
  options.labels.values[dimension]?.[value] ?? options.labels.special[value] ?? value;
