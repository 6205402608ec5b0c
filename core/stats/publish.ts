import type { Principal } from '../access/principal.ts';
import { statisticsAccess } from '../access/statistics.ts';
import type { Clock } from '../ports.ts';
import { DEFAULT_AGE_SET } from './age-sets.ts';
import { DIMENSIONS, type Dimension } from './children-table.ts';
import type { StatisticsSettings } from './policy.ts';
import type { StatsStore } from './ports.ts';
import { type StatsReport, type StatsView, buildReport, checkRequest } from './report.ts';

export interface StatisticsDeps {
  stats: StatsStore;
  clock: Clock;
  settings: StatisticsSettings;
}

export interface StatisticsQuery {
  from: string;
  to: string;
  by: readonly Dimension[];
  ageSet?: string | undefined;
  view: StatsView;
}

/**
 * One report for one caller. Access first (core/access/statistics.ts), then the request against the
 * deployment's policy, before anything is read. A table across organisations is published once: the
 * first answer for its (period, dimensions, age set) is stored and answered from then on, so a record
 * arriving late, or a merge, changes no table already out (report.ts says why). Its dimensions come in
 * one order whatever the order asked, so one table is never published twice in two layouts.
 */
export async function statisticsReport(
  deps: StatisticsDeps,
  principal: Pick<Principal, 'organisationId'>,
  query: StatisticsQuery,
): Promise<{ report: StatsReport; crossOrganisationRead: boolean; published?: 'now' | 'before' }> {
  const access = statisticsAccess(principal, query, deps.settings.organisationViewers);
  const now = deps.clock.now();
  const by = query.view === 'all' ? DIMENSIONS.filter((d) => query.by.includes(d)) : [...query.by];
  const request = { ...query, by, organisationId: access.organisationId };
  checkRequest(request, deps.settings.policy, now);
  const crossOrganisationRead = access.crossOrganisationRead;
  if (query.view === 'own') {
    const { children, referrals } = await deps.stats.readAll();
    return { report: buildReport(children, referrals, request, deps.settings.policy, now), crossOrganisationRead };
  }
  const key = [query.from, query.to, by.join(',') || '-', query.ageSet ?? DEFAULT_AGE_SET].join('|');
  const before = await deps.stats.getPublication(key);
  if (before) return { report: before.report, crossOrganisationRead, published: 'before' };
  const { children, referrals } = await deps.stats.readAll();
  const report = buildReport(children, referrals, request, deps.settings.policy, now);
  const stood = await deps.stats.publish({ key, report });
  return { report: stood.report, crossOrganisationRead, published: stood.report === report ? 'now' : 'before' };
}
