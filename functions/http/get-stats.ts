import { stringify } from 'csv-stringify/sync';
import { negotiateLanguage } from '../../core/i18n/language.ts';
import type { Dimension } from '../../core/stats/children-table.ts';
import { statisticsReport } from '../../core/stats/publish.ts';
import { reportRows } from '../../core/stats/table-rows.ts';
import { StatsQuery } from '../../schemas/api/stats.ts';
import { header, json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getStats', async ({ event, container, principal }) => {
  const query = parseQuery(event, StatsQuery);
  const { report, crossOrganisationRead } = await statisticsReport(
    { stats: container.stats, clock: container.clock, settings: container.statistics },
    principal!,
    { ...query, by: query.by ? (query.by.split(',') as Dimension[]) : [] },
  );
  if (crossOrganisationRead) {
    // Counts across organisations are a cross-organisation read: audited, with what was asked and no counts.
    container.logger.info('audit', {
      audit: 'readStatisticsAcrossOrganisations',
      organisationId: principal!.organisationId,
      credential: principal!.credential,
      period: report.period,
      dimensions: report.dimensions,
    });
  }
  if (query.format === 'json') return json(200, report);
  const lang = negotiateLanguage(header(event, 'accept-language'));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-language': lang,
      'content-disposition': `attachment; filename="relais-stats-${report.period.from}-${report.period.to}.csv"`,
    },
    body: stringify(reportRows(report, lang)),
  };
});
