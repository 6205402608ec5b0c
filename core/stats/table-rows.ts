import type { Language } from '../i18n/language.ts';
import { COLUMN_LABELS, DIMENSION_LABELS, valueLabel } from './labels.ts';
import type { PublishedCount, StatsReport } from './report.ts';

/**
 * A report as rows of text, one per cell then the total: the dimensions' values with their labels, the
 * count (empty when suppressed) and why it is hidden. The CSV of GET /v1/stats and the terminal table of
 * `relais stats` are both this, so the two never disagree.
 */
export function reportRows(report: StatsReport, lang: Language): string[][] {
  const header = [
    ...report.dimensions.map((d) => DIMENSION_LABELS[d][lang]),
    COLUMN_LABELS.children[lang],
    COLUMN_LABELS.suppressed[lang],
  ];
  const cell = (c: PublishedCount) => [
    c.count === null ? '' : String(c.count),
    c.suppressed ? COLUMN_LABELS[c.suppressed][lang] : '',
  ];
  const rows = report.cells.map((c, i) => [...coordinates(report, i), ...cell(c)]);
  const total = [...report.dimensions.map(() => COLUMN_LABELS.total[lang]), ...cell(report.total)];
  return [header, ...(report.dimensions.length ? rows : []), total];

  function coordinates(r: StatsReport, index: number): string[] {
    const out: string[] = [];
    let rest = index;
    for (let d = r.values.length - 1; d >= 0; d--) {
      const values = r.values[d]!;
      out.unshift(valueLabel(r.dimensions[d]!, values[rest % values.length]!, lang));
      rest = Math.floor(rest / values.length);
    }
    return out;
  }
}
