import type { Period } from './periods.ts';
import type { Dimension, StatsOptions, StatsRequest, View } from './types.ts';

/** What a table is first asked for: sex by age bracket, the latest period that has ended, one's own view. */
const DEFAULT_BY: Dimension[] = ['sex', 'ageBracket'];
const NO_DIMENSION = '-';

/** The request the address names, filled in from the defaults where it says nothing. */
export function requestFromQuery(query: URLSearchParams, options: StatsOptions, periods: Period[]): StatsRequest {
  const view: View = query.get('view') === 'all' ? 'all' : 'own';
  const latest = periods.find((p) => p.ended) ?? periods[0]!;
  const by = query.get('by');
  return {
    view,
    from: query.get('from') ?? latest.from,
    to: query.get('to') ?? latest.to,
    by: by === null ? DEFAULT_BY : (by.split(',').filter((d) => d && d !== NO_DIMENSION) as Dimension[]),
    ageSet: query.get('ageSet') ?? options.defaultAgeSet,
  };
}

/** The address's query: `by` is kept even when empty, since no dimension (one total) is a choice. */
export const routeQuery = (r: StatsRequest): Record<string, string> => ({
  view: r.view,
  from: r.from,
  to: r.to,
  by: r.by.join(',') || NO_DIMENSION,
  ageSet: r.ageSet,
});

export const apiQuery = (r: StatsRequest, format: 'json' | 'csv' = 'json') => ({
  view: r.view,
  from: r.from,
  to: r.to,
  by: r.by.length ? r.by.join(',') : undefined,
  ageSet: r.ageSet,
  format,
});

/** A CSV named after what it counts: relais-stats-all-2026-01-01_2026-03-31-sex+ageBracket-primero.csv */
export const csvName = (r: StatsRequest) =>
  `relais-stats-${r.view}-${r.from}_${r.to}-${r.by.join('+') || 'total'}-${r.ageSet}.csv`;
