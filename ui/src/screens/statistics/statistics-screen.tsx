import { useMemo } from 'preact/hooks';
import { formatDateTime, formatNumber, useLang, useMessages } from '../../i18n.ts';
import { Loaded, useResource } from '../../components/feedback.tsx';
import type { ScreenProps } from '../types.ts';
import { ReferralsOverTime, SexByAgeChart } from './charts.tsx';
import { CsvDownload } from './csv-download.tsx';
import { messages } from './messages.ts';
import { periodLabel, recentPeriods } from './periods.ts';
import { ReferralSummary } from './referral-summary.tsx';
import { ReportTable } from './report-table.tsx';
import { apiQuery, requestFromQuery } from './request.ts';
import { StatsForm } from './stats-form.tsx';
import type { StatsOptions, StatsReport, StatsRequest } from './types.ts';

/** How many periods the form offers: two years of quarters, or one of months. */
const OFFERED = { quarter: 8, month: 12 } as const;

export default function StatisticsScreen({ route }: ScreenProps) {
  const t = useMessages(messages);
  const lang = useLang();
  // Fetched again when the language changes: its labels are in the API's words, in that language.
  const options = useResource((api) => api.get<StatsOptions>('/v1/stats/options'), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.title}</h1>
      <p>{t.intro}</p>
      <Loaded resource={options}>{(o) => <Statistics options={o} query={route.query.toString()} key={lang} />}</Loaded>
    </>
  );
}

function Statistics({ options, query }: { options: StatsOptions; query: string }) {
  const periods = useMemo(() => recentPeriods(options.grid, new Date(), OFFERED[options.grid]), [options.grid]);
  const request = useMemo(
    () => requestFromQuery(new URLSearchParams(query), options, periods),
    [query, options, periods],
  );
  // The report travels with the request it answers: while the next one loads, the charts and the CSV
  // stay those of the table on screen.
  const shown = useResource(
    (api) => api.get<StatsReport>('/v1/stats', apiQuery(request)).then((report) => ({ report, request })),
    [request],
  );
  return (
    <>
      <StatsForm request={request} options={options} periods={periods} />
      <Loaded resource={shown}>{(r) => <Report report={r.report} request={r.request} options={options} />}</Loaded>
    </>
  );
}

function Report({ report, request, options }: { report: StatsReport; request: StatsRequest; options: StatsOptions }) {
  const t = useMessages(messages);
  const lang = useLang();
  const period = periodLabel(lang, options.grid, report.period);
  const suppressed = [report.total, report.children, ...report.cells, ...report.margins.flat()].some(
    (c) => c.count === null,
  );
  return (
    <section aria-labelledby="stats-children">
      <h2 id="stats-children">{t.children}</h2>
      <p class="hint">
        {report.view === 'all'
          ? t.published(formatDateTime(lang, report.computedAt))
          : t.computed(formatDateTime(lang, report.computedAt))}
      </p>
      <CsvDownload request={request} />
      {report.view === 'all' && report.k !== undefined && (
        <div class={suppressed ? 'notice notice-warn' : 'notice'} id="stats-suppression">
          <p class="notice-title">{t.suppressionTitle}</p>
          <p>{t.suppressionNote(report.k)}</p>
        </div>
      )}
      <ReportTable report={report} options={options} period={period} />
      <p class="hint">
        {report.total.counts === 'child-values'
          ? t.childValues(
              report.children.count === null
                ? t.suppressedPrimary(report.k ?? 0)
                : formatNumber(lang, report.children.count),
            )
          : report.children.count !== null && t.distinct(formatNumber(lang, report.children.count))}
      </p>
      <h2>{t.referrals}</h2>
      <ReferralSummary report={report} period={period} />
      <h2>{t.charts}</h2>
      <p class="hint">{t.chartsHint}</p>
      <SexByAgeChart request={request} report={report} options={options} />
      <ReferralsOverTime request={request} options={options} />
    </section>
  );
}
