import { formatNumber, useLang, useMessages } from '../../i18n.ts';
import { CountText } from './count.tsx';
import { messages } from './messages.ts';
import { type StatsOptions, type StatsReport, valueLabel } from './types.ts';

/**
 * The children table: one dimension as a list, two as rows by columns with their totals, three as one
 * table per value of the first (a slice's inner totals are not published, so none is shown: adding the
 * visible cells would be wrong wherever one is suppressed). A wide table scrolls in a region that takes
 * the focus, so that it scrolls from the keyboard too.
 */
export function ReportTable({
  report,
  options,
  period,
}: {
  report: StatsReport;
  options: StatsOptions;
  period: string;
}) {
  const t = useMessages(messages);
  const lang = useLang();
  const { dimensions: dims, values, cells, margins, k } = report;
  const dimLabel = (i: number) => options.labels.dimensions[dims[i]!];
  const label = (d: number, v: string) => valueLabel(options, dims[d]!, v);
  const caption = (what: string) => t.tableCaption(what, period, t.viewShort[report.view]);
  const what = dims.length ? `${t.children} (${dims.map((_, i) => dimLabel(i)).join(' × ')})` : t.children;
  const cell = (i: number) => <CountText count={cells[i]!} k={k} />;

  if (dims.length === 0)
    return (
      <table class="stats-table">
        <caption>{caption(t.children)}</caption>
        <tbody>
          <tr>
            <th scope="row">{t.total}</th>
            <td class="number">
              <CountText count={report.total} k={k} />
            </td>
          </tr>
        </tbody>
      </table>
    );

  if (dims.length === 1)
    return (
      <table class="stats-table">
        <caption>{caption(what)}</caption>
        <thead>
          <tr>
            <th scope="col">{dimLabel(0)}</th>
            <th scope="col" class="number">
              {t.children}
            </th>
          </tr>
        </thead>
        <tbody>
          {values[0]!.map((v, i) => (
            <tr key={v}>
              <th scope="row">{label(0, v)}</th>
              <td class="number">{cell(i)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            <td class="number">
              <CountText count={report.total} k={k} />
            </td>
          </tr>
        </tfoot>
      </table>
    );

  const [rows, cols] = dims.length === 2 ? [values[0]!, values[1]!] : [values[1]!, values[2]!];
  const grid = (offset: number, first: number, totals: boolean) => (
    <>
      <thead>
        <tr>
          <th scope="col">
            {dimLabel(first)} \ {dimLabel(first + 1)}
          </th>
          {cols.map((c) => (
            <th scope="col" class="number" key={c}>
              {label(first + 1, c)}
            </th>
          ))}
          {totals && (
            <th scope="col" class="number">
              {t.total}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r}>
            <th scope="row">{label(first, r)}</th>
            {cols.map((c, j) => (
              <td class="number" key={c}>
                {cell(offset + i * cols.length + j)}
              </td>
            ))}
            {totals && (
              <td class="number">
                <CountText count={margins[0]![i]!} k={k} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
      {totals && (
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            {cols.map((c, j) => (
              <td class="number" key={c}>
                <CountText count={margins[1]![j]!} k={k} />
              </td>
            ))}
            <td class="number">
              <CountText count={report.total} k={k} />
            </td>
          </tr>
        </tfoot>
      )}
    </>
  );

  if (dims.length === 2)
    return (
      <div class="table-scroll" tabIndex={0} role="region" aria-label={caption(what)}>
        <table class="stats-table">
          <caption>{caption(what)}</caption>
          {grid(0, 0, true)}
        </table>
      </div>
    );

  return (
    <>
      <p class="hint">{t.sliceNote}</p>
      {values[0]!.map((v, s) => (
        <div
          class="table-scroll"
          key={v}
          tabIndex={0}
          role="region"
          aria-label={caption(t.slice(dimLabel(0), label(0, v)))}
        >
          <table class="stats-table">
            <caption>
              {caption(t.slice(dimLabel(0), label(0, v)))} ·{' '}
              {margins[0]![s]!.count === null ? (
                <CountText count={margins[0]![s]!} k={k} />
              ) : (
                t.sliceTotal(formatNumber(lang, margins[0]![s]!.count!))
              )}
            </caption>
            {grid(s * rows.length * cols.length, 1, false)}
          </table>
        </div>
      ))}
      <dl class="facts">
        <dt>{t.total}</dt>
        <dd>
          <CountText count={report.total} k={k} />
        </dd>
      </dl>
    </>
  );
}
