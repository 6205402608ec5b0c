import { Loaded, useResource } from '../../components/feedback.tsx';
import { useLang, useMessages } from '../../i18n.ts';
import { BarChart, type BarSeries } from './bar-chart.tsx';
import { countWords } from './count.tsx';
import { messages } from './messages.ts';
import { periodLabel, periodsBack } from './periods.ts';
import { apiQuery } from './request.ts';
import { type Referrals, type StatsOptions, type StatsReport, type StatsRequest, valueLabel } from './types.ts';

const SEX_COLOURS = ['#7b2d8e', '#0b5cad', '#1e6b34', '#4a5360'];
const REFERRAL_COLOURS = ['#0b5cad', '#1e6b34', '#7b2d8e'];
const REFERRAL_MEASURES = ['referrals', 'accepted', 'completed'] as const;

/** Sex by age bracket: the table shown when it is that one, else the same period asked for it. */
export function SexByAgeChart({
  request,
  report,
  options,
}: {
  request: StatsRequest;
  report: StatsReport;
  options: StatsOptions;
}) {
  const shown = report.dimensions.join(',') === 'sex,ageBracket';
  const resource = useResource(
    (api) =>
      shown
        ? Promise.resolve(report)
        : api.get<StatsReport>('/v1/stats', apiQuery({ ...request, by: ['sex', 'ageBracket'] })),
    [shown, report, request.view, request.from, request.to, request.ageSet],
  );
  return <Loaded resource={resource}>{(r) => <SexByAge report={r} options={options} />}</Loaded>;
}

function SexByAge({ report, options }: { report: StatsReport; options: StatsOptions }) {
  const t = useMessages(messages);
  const lang = useLang();
  const [sexes, ages] = [report.values[0]!, report.values[1]!];
  const series: BarSeries[] = sexes.map((s, i) => ({
    label: valueLabel(options, 'sex', s),
    colour: SEX_COLOURS[i % SEX_COLOURS.length]!,
  }));
  const groups = ages.map((a, ai) => ({
    label: valueLabel(options, 'ageBracket', a),
    values: sexes.map((_, si) => report.cells[si * ages.length + ai]!),
  }));
  const title = t.sexByAge(periodLabel(lang, options.grid, report.period));
  const summary = `${title}. ${groups
    .map((g) =>
      t.slice(g.label, g.values.map((v, i) => `${series[i]!.label} ${countWords(t, lang, v, report.k)}`).join(', ')),
    )
    .join(t.listSep)}.`;
  return <BarChart id="sex-age" title={title} summary={summary} series={series} groups={groups} />;
}

/**
 * Referrals over time. A report summarises one period's referrals and gives no series, so the chart asks
 * for the chosen period and the ones before it on the deployment's grid (four quarters, or six months),
 * each as a table of no dimension (its one total is all that is read). Across organisations each is a
 * whole ended period, as the API requires, and is published as any table asked for would be.
 */
export function ReferralsOverTime({ request, options }: { request: StatsRequest; options: StatsOptions }) {
  const t = useMessages(messages);
  const lang = useLang();
  const count = options.grid === 'quarter' ? 4 : 6;
  const periods = periodsBack(options.grid, request.to, count, new Date()).reverse();
  const resource = useResource(
    (api) => Promise.all(periods.map((p) => api.get<StatsReport>('/v1/stats', apiQuery({ ...request, ...p, by: [] })))),
    [request.view, request.to, request.ageSet, options.grid],
  );
  const series: BarSeries[] = REFERRAL_MEASURES.map((m, i) => ({
    label: t.referralRows[m],
    colour: REFERRAL_COLOURS[i]!,
  }));
  return (
    <>
      <p class="hint">{t.overTimeHint}</p>
      <Loaded resource={resource}>
        {(reports) => {
          const groups = reports.map((r) => ({
            label: periodLabel(lang, options.grid, r.period),
            values: REFERRAL_MEASURES.map((m) => (r.referrals as Referrals)[m]),
          }));
          const title = t.overTime(reports.length);
          const summary = `${title}. ${groups
            .map((g, gi) =>
              t.slice(
                g.label,
                g.values.map((v, i) => `${series[i]!.label} ${countWords(t, lang, v, reports[gi]!.k)}`).join(', '),
              ),
            )
            .join(t.listSep)}.`;
          return <BarChart id="referrals-time" title={title} summary={summary} series={series} groups={groups} />;
        }}
      </Loaded>
    </>
  );
}
