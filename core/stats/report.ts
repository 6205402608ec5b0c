import { referralIsOwn } from '../access/statistics.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { type AgeSet, DEFAULT_AGE_SET } from './age-sets.ts';
import { type ChildrenTable, type Dimension, MULTI_VALUED, childrenTable } from './children-table.ts';
import type { ChildFacts } from './facts.ts';
import { type ReferralOutcome, type ReferralSummary, summariseReferrals } from './referral-summary.ts';
import { type Suppression, suppress } from './suppression.ts';

/**
 * One statistics report: distinct children by the asked dimensions and how referrals fared, for one
 * period, as one caller may see it.
 *
 * Two views. `own`: an organisation's own records and referrals, exact, unsuppressed. `all`: every
 * organisation's, with small-cell suppression (suppression.ts), and only for a whole calendar period of
 * the deployment's grid (quarters by default, or months: one grid, never both), already over. Why:
 * - two windows a day apart would tell, by difference, the children of that day: periods of one grid
 *   never overlap, so no two published tables differ by a few children;
 * - a table published for a period that is still filling would, asked again a day later, tell the same;
 *   so would one asked again after late records arrive. A national table is therefore published once,
 *   when first asked after its period ended, and that publication is what is shown from then on (the
 *   caller stores it: see StatsSnapshots); corrections go into the next period's table.
 * The organisation dimension across organisations names agencies beside counts of children (the GBVIMS
 * protocol removes agency names for this reason): only the organisations the deployment allows may ask
 * for it (core/access/statistics.ts decides).
 */

export type StatsView = 'own' | 'all';
export type PeriodGrid = 'month' | 'quarter';

export interface StatsPolicy {
  /** Cells of 1 to k-1 are hidden in the `all` view; never below 3. */
  k: number;
  grid: PeriodGrid;
  ageSets: Readonly<Record<string, AgeSet>>;
}

export interface StatsRequest {
  from: string;
  to: string;
  by: readonly Dimension[];
  ageSet?: string | undefined;
  view: StatsView;
  /** The caller's organisation: its own view sees only its own records and referrals. */
  organisationId: string;
}

export interface PublishedCount {
  count: number | null;
  suppressed?: Suppression;
}

export interface StatsReport {
  period: { from: string; to: string };
  view: StatsView;
  k?: number;
  ageSet: string;
  dimensions: Dimension[];
  values: string[][];
  /** Row-major over the dimensions' values, the last dimension fastest. */
  cells: PublishedCount[];
  margins: PublishedCount[][];
  /** The sum of the cells: children, or child-values when a dimension lets a child count more than once. */
  total: PublishedCount & { counts: 'children' | 'child-values' };
  /** Distinct children, whatever the dimensions. */
  children: PublishedCount;
  referrals: Record<keyof ReferralCounts, PublishedCount> & {
    acceptanceRate: number | null;
    completionRate: number | null;
    medianDaysToAcceptance: number | null;
    medianDaysToCompletion: number | null;
  };
  computedAt: string;
}

type ReferralCounts = Pick<ReferralSummary, 'referrals' | 'accepted' | 'completed' | 'overdue' | 'undeliverable'> & {
  [S in `status:${keyof ReferralSummary['byStatus']}`]: number;
};

export const MIN_K = 3;
export const MAX_DIMENSIONS = 3;

/** Checks a request against the policy; throws the problem the route answers with. */
export function checkRequest(request: StatsRequest, policy: StatsPolicy, now: Date): AgeSet {
  if (policy.k < MIN_K) throw new Error(`statistics: k is ${policy.k}, never below ${MIN_K}`);
  const ageSetName = request.ageSet ?? DEFAULT_AGE_SET;
  const ageSet = policy.ageSets[ageSetName];
  if (!ageSet)
    throw invalid(
      '/ageSet',
      'unknown_age_set',
      `Unknown age set; known: ${Object.keys(policy.ageSets).join(', ')}`,
      `Tranches d'âge inconnues ; connues : ${Object.keys(policy.ageSets).join(', ')}`,
    );
  if (request.from > request.to) throw invalid('/from', 'period_reversed', 'from is after to', 'from est après to');
  if (new Set(request.by).size !== request.by.length)
    throw invalid('/by', 'dimension_repeated', 'A dimension is named twice', 'Une dimension est nommée deux fois');
  // A table of more crosses is mostly empty or hidden cells, and its suppression (exact elimination) grows
  // with the cube of its size: three dimensions is what reports use.
  if (request.by.length > MAX_DIMENSIONS)
    throw invalid(
      '/by',
      'too_many_dimensions',
      `At most ${MAX_DIMENSIONS} dimensions in one table`,
      `Au plus ${MAX_DIMENSIONS} dimensions dans un tableau`,
    );
  if (request.view === 'all') {
    if (!isWholePeriod(request.from, request.to, policy.grid))
      throw invalid(
        '/from',
        'period_not_on_grid',
        `Across organisations, a period is a whole calendar ${policy.grid} (from its first day to its last)`,
        `Entre organisations, une période est ${policy.grid === 'quarter' ? 'un trimestre' : 'un mois'} civil entier (de son premier à son dernier jour)`,
      );
    if (`${request.to}T23:59:59.999Z` >= now.toISOString())
      throw invalid(
        '/to',
        'period_not_over',
        'Across organisations, only a period that has ended is published',
        'Entre organisations, seule une période terminée est publiée',
      );
  }
  return ageSet;
}

export function buildReport(
  facts: Iterable<ChildFacts>,
  referrals: Iterable<ReferralOutcome>,
  request: StatsRequest,
  policy: StatsPolicy,
  now: Date,
): StatsReport {
  const ageSet = checkRequest(request, policy, now);
  const own = request.view === 'own';
  const table: ChildrenTable = childrenTable(facts, {
    from: request.from,
    to: request.to,
    by: request.by,
    ageSet,
    ...(own ? { organisations: new Set([request.organisationId]) } : {}),
  });
  const end = `${request.to}T23:59:59.999Z`;
  const asOf = end < now.toISOString() ? end : now.toISOString();
  const seen = [...referrals].filter(
    (r) =>
      r.requestedAt.slice(0, 10) >= request.from &&
      r.requestedAt.slice(0, 10) <= request.to &&
      (!own || referralIsOwn(request.organisationId, r)),
  );
  const summary = summariseReferrals(seen, asOf);
  const k = policy.k;
  const hide = (n: number): PublishedCount =>
    own || n === 0 || n >= k ? { count: n } : { count: null, suppressed: 'primary' };
  const published = own ? undefined : suppress(table, k);
  const at = (value: number | null, key: string): PublishedCount =>
    value === null ? { count: null, suppressed: published!.reasons.get(key)! } : { count: value };
  const cells = table.cells.map((c, i) => (published ? at(published.cells[i]!, `c${i}`) : { count: c }));
  const margins = table.values.map((values, d) =>
    values.map((_, v) => {
      const sum = table.cells.reduce((acc, c, i) => (coordinate(table, i, d) === v ? acc + c : acc), 0);
      return published ? at(published.margins[d]![v]!, `m${d}:${v}`) : { count: sum };
    }),
  );
  const sum = table.cells.reduce((a, b) => a + b, 0);
  const counts = request.by.some((d) => MULTI_VALUED.has(d)) ? 'child-values' : 'children';
  const counted: ReferralCounts = {
    referrals: summary.referrals,
    accepted: summary.accepted,
    completed: summary.completed,
    overdue: summary.overdue,
    undeliverable: summary.undeliverable,
    ...(Object.fromEntries(Object.entries(summary.byStatus).map(([s, n]) => [`status:${s}`, n])) as {
      [S in `status:${keyof ReferralSummary['byStatus']}`]: number;
    }),
  };
  const referralCounts = Object.fromEntries(Object.entries(counted).map(([key, n]) => [key, hide(n)])) as Record<
    keyof ReferralCounts,
    PublishedCount
  >;
  // A rate or a median is published only where its counts are, and a median only over k durations or more.
  const rate = (num: PublishedCount, den: PublishedCount) =>
    num.count === null || den.count === null || den.count === 0
      ? null
      : Math.round((num.count / den.count) * 1000) / 1000;
  const median = (value: number | undefined, over: number) =>
    value === undefined || (!own && over < k) ? null : value;
  return {
    period: { from: request.from, to: request.to },
    view: request.view,
    ...(own ? {} : { k }),
    ageSet: request.ageSet ?? DEFAULT_AGE_SET,
    dimensions: table.dimensions,
    values: table.values.map((v) => [...v]),
    cells,
    margins,
    total: { ...(published ? at(published.total, 't') : { count: sum }), counts },
    children: hide(table.children),
    referrals: {
      ...referralCounts,
      acceptanceRate: rate(referralCounts.accepted, referralCounts.referrals),
      completionRate: rate(referralCounts.completed, referralCounts.accepted),
      medianDaysToAcceptance: median(summary.medianDaysToAcceptance, summary.acceptanceTimes),
      medianDaysToCompletion: median(summary.medianDaysToCompletion, summary.completionTimes),
    },
    computedAt: now.toISOString(),
  };
}

function coordinate(table: ChildrenTable, cell: number, dimension: number): number {
  let rest = cell;
  for (let d = table.values.length - 1; d > dimension; d--) rest = Math.floor(rest / table.values[d]!.length);
  return rest % table.values[dimension]!.length;
}

/** A whole calendar month or quarter, from its first day to its last. */
export function isWholePeriod(from: string, to: string, grid: PeriodGrid): boolean {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  if (d !== 1) return false;
  if (grid === 'quarter' && (m - 1) % 3 !== 0) return false;
  const months = grid === 'quarter' ? 3 : 1;
  const last = new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
  return to === last;
}

function invalid(pointer: string, code: string, en: string, fr: string): RelaisError {
  return new RelaisError('bad-request', 'invalid-query', [{ pointer, code, message: { en, fr } }]);
}
