import type { ComponentChildren } from 'preact';
import { formatNumber, useLang, useMessages } from '../../i18n.ts';
import { CountText } from './count.tsx';
import { messages } from './messages.ts';
import { REFERRAL_COUNTS, type Referrals, type StatsReport, type Status } from './types.ts';

/** How the period's referrals fared: counts (suppressed as cells are), rates and medians. */
export function ReferralSummary({ report, period }: { report: StatsReport; period: string }) {
  const t = useMessages(messages);
  const lang = useLang();
  const r = report.referrals as Referrals;
  const statuses = Object.keys(r)
    .filter((key) => key.startsWith('status:'))
    .map((key) => key.slice('status:'.length) as Status);
  const percent = (n: number | null) =>
    n === null ? t.notPublished : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  const days = (n: number | null) => (n === null ? t.notPublished : formatNumber(lang, n));
  const row = (key: string, label: string, value: ComponentChildren) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td class="number">{value}</td>
    </tr>
  );
  return (
    <table class="stats-table stats-referrals">
      <caption>{t.referralsCaption(period)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.measure}</th>
          <th scope="col" class="number">
            {t.value}
          </th>
        </tr>
      </thead>
      <tbody>
        {REFERRAL_COUNTS.map((key) => row(key, t.referralRows[key], <CountText count={r[key]} k={report.k} />))}
        {statuses.map((s) => row(s, t.statusRow(t.status[s]), <CountText count={r[`status:${s}`]} k={report.k} />))}
        {row('acceptanceRate', t.acceptanceRate, percent(r.acceptanceRate))}
        {row('completionRate', t.completionRate, percent(r.completionRate))}
        {row('medianDaysToAcceptance', t.medianDaysToAcceptance, days(r.medianDaysToAcceptance))}
        {row('medianDaysToCompletion', t.medianDaysToCompletion, days(r.medianDaysToCompletion))}
      </tbody>
    </table>
  );
}
