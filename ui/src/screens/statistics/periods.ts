import type { Lang } from '../../i18n.ts';
import type { Grid } from './types.ts';

/**
 * The calendar periods of the deployment's grid. Across organisations only a whole period that has ended
 * is published (core/stats/report.ts), so the form offers those; an organisation's own view may also look
 * at the period in progress.
 */
export interface Period {
  from: string;
  to: string;
  ended: boolean;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const step = (grid: Grid) => (grid === 'quarter' ? 3 : 1);

/** The period of `grid` that holds `date` (an ISO day), then the `count - 1` before it, newest first. */
export function periodsBack(grid: Grid, date: string, count: number, now: Date): Period[] {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1];
  const start = month - (month % step(grid));
  return Array.from({ length: count }, (_, i) => {
    const from = new Date(Date.UTC(year, start - i * step(grid), 1));
    const to = new Date(Date.UTC(year, start - i * step(grid) + step(grid), 0));
    return { from: day(from), to: day(to), ended: `${day(to)}T23:59:59.999Z` < now.toISOString() };
  });
}

/** The period in progress and the `count` before it, newest first. */
export const recentPeriods = (grid: Grid, now: Date, count: number): Period[] =>
  periodsBack(grid, day(now), count + 1, now);

export function periodLabel(lang: Lang, grid: Grid, period: Pick<Period, 'from' | 'to'>): string {
  const from = new Date(`${period.from}T00:00:00Z`);
  const onGrid = periodsBack(grid, period.from, 1, new Date())[0]!;
  if (onGrid.from !== period.from || onGrid.to !== period.to) return `${period.from} – ${period.to}`;
  if (grid === 'quarter')
    return `${lang === 'fr' ? 'T' : 'Q'}${Math.floor(from.getUTCMonth() / 3) + 1} ${from.getUTCFullYear()}`;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(from);
}
