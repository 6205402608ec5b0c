import {
  ReferralStatus,
  type DeliveryFact,
  type Referral,
  type StatusEntry,
} from '../../schemas/canonical/referral.ts';

/** What a summary reads of a referral: a whole Referral is one, and so is the projection's row (ports.ts). */
export type ReferralOutcome = Pick<Referral, 'requestedAt' | 'dueAt'> & {
  referring: Pick<Referral['referring'], 'organisationId'>;
  receiving: Pick<Referral['receiving'], 'organisationId'>;
  history: ReadonlyArray<Pick<StatusEntry, 'status' | 'at'>>;
  delivery: ReadonlyArray<Pick<DeliveryFact, 'fact' | 'at'>>;
};

/**
 * How referrals made in a period fared as of `asOf` (the period's end, or now for a period under way):
 * how many in each status, how many were accepted and completed, how long that
 * took, how many were answered late or never delivered.
 * - accepted: the receiver accepted it at some point (it may have been completed since);
 * - acceptance rate: accepted / referrals made; completion rate: completed / accepted;
 * - days to acceptance and to completion: from the request to the first such status, median;
 * - overdue: not answered (accepted or rejected) by its due date, answered since or not;
 * - undeliverable: the delivery was given up on at least once.
 */
export interface ReferralSummary {
  referrals: number;
  byStatus: Record<ReferralStatus, number>;
  accepted: number;
  completed: number;
  overdue: number;
  undeliverable: number;
  /** Days, from the request; undefined when nothing reached the status. */
  medianDaysToAcceptance: number | undefined;
  medianDaysToCompletion: number | undefined;
  /** How many durations each median is taken over (a median of too few is not published across organisations). */
  acceptanceTimes: number;
  completionTimes: number;
}

const DAY = 86_400_000;
const ANSWERS = new Set<ReferralStatus>(['accepted', 'rejected']);

export function summariseReferrals(referrals: Iterable<ReferralOutcome>, asOf: string): ReferralSummary {
  const byStatus = Object.fromEntries(ReferralStatus.options.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  const toAcceptance: number[] = [];
  const toCompletion: number[] = [];
  let total = 0;
  let overdue = 0;
  let undeliverable = 0;
  for (const r of referrals) {
    total++;
    // The status as it stood at asOf: the last entry made by then.
    const history = r.history.filter((h) => h.at <= asOf);
    const status = history.at(-1)?.status ?? 'requested';
    byStatus[status]++;
    const requested = Date.parse(r.requestedAt);
    const first = (s: ReferralStatus) => history.find((h) => h.status === s);
    const accepted = first('accepted');
    const completed = first('completed');
    if (accepted) toAcceptance.push((Date.parse(accepted.at) - requested) / DAY);
    if (completed) toCompletion.push((Date.parse(completed.at) - requested) / DAY);
    const answer = history.find((h) => ANSWERS.has(h.status));
    const dueBy = answer ? answer.at : asOf;
    if (dueBy > r.dueAt) overdue++;
    if (r.delivery.some((d) => d.fact === 'undeliverable' && d.at <= asOf)) undeliverable++;
  }
  return {
    referrals: total,
    byStatus,
    accepted: toAcceptance.length,
    completed: toCompletion.length,
    overdue,
    undeliverable,
    medianDaysToAcceptance: median(toAcceptance),
    medianDaysToCompletion: median(toCompletion),
    acceptanceTimes: toAcceptance.length,
    completionTimes: toCompletion.length,
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}
