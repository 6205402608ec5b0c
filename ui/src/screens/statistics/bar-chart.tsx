import { formatNumber, useLang, useMessages } from '../../i18n.ts';
import { messages } from './messages.ts';
import type { Count } from './types.ts';

/**
 * Grouped bars in hand-written SVG: two small charts do not justify a chart library's weight in the
 * chunk (the first of them is bigger than this whole screen). The SVG is one image with a summary of
 * every figure as its label; the tables above stay the accessible alternative. A suppressed value is
 * not a zero: no bar is drawn for it, a hatched mark stands in its place.
 */
export interface BarSeries {
  label: string;
  /** SVG fill; each passes 3:1 against white (WCAG 1.4.11), and the legend names it. */
  colour: string;
}

export interface BarGroup {
  label: string;
  /** One per series, in the series' order. */
  values: Count[];
}

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 18, right: 8, bottom: 34, left: 44 };

export function BarChart({
  id,
  title,
  summary,
  series,
  groups,
}: {
  id: string;
  title: string;
  summary: string;
  series: BarSeries[];
  groups: BarGroup[];
}) {
  const t = useMessages(messages);
  const lang = useLang();
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v.count ?? 0)));
  const ticks = niceTicks(max);
  const top = ticks.at(-1)!;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(28, (groupW * 0.8) / series.length);
  const y = (n: number) => PAD.top + plotH - (n / top) * plotH;
  const showValues = groups.length * series.length <= 40;
  const anySuppressed = groups.some((g) => g.values.some((v) => v.count === null));
  return (
    <figure class="stats-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} width="100%">
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="#4a5360" stroke-width="2" />
          </pattern>
        </defs>
        {ticks.map((n) => (
          <g key={n}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(n)} y2={y(n)} stroke="#c5ccd6" />
            <text x={PAD.left - 6} y={y(n) + 4} text-anchor="end" font-size="11" fill="#4a5360">
              {formatNumber(lang, n)}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const x0 = PAD.left + gi * groupW + (groupW - barW * series.length) / 2;
          return (
            <g key={g.label}>
              {g.values.map((v, si) => {
                const x = x0 + si * barW;
                if (v.count === null)
                  return (
                    <rect
                      key={si}
                      x={x + 1}
                      y={y(0) - 12}
                      width={barW - 2}
                      height={12}
                      fill={`url(#${id}-hatch)`}
                      stroke="#4a5360"
                      stroke-dasharray="2 2"
                    />
                  );
                return (
                  <g key={si}>
                    <rect
                      x={x + 1}
                      y={y(v.count)}
                      width={barW - 2}
                      height={y(0) - y(v.count)}
                      fill={series[si]!.colour}
                    />
                    {showValues && v.count > 0 && (
                      <text x={x + barW / 2} y={y(v.count) - 3} text-anchor="middle" font-size="10" fill="#1b1f24">
                        {formatNumber(lang, v.count)}
                      </text>
                    )}
                  </g>
                );
              })}
              <text
                x={PAD.left + gi * groupW + groupW / 2}
                y={HEIGHT - PAD.bottom + 16}
                text-anchor="middle"
                font-size="12"
                fill="#1b1f24"
              >
                {g.label}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#1b1f24" />
      </svg>
      <ul class="chart-legend" aria-label={t.legend}>
        {series.map((s) => (
          <li key={s.label}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={s.colour} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
        {anySuppressed && (
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={`url(#${id}-hatch)`} stroke="#4a5360" stroke-dasharray="2 2" />
            </svg>{' '}
            {t.suppressedMark}
          </li>
        )}
      </ul>
    </figure>
  );
}

/** Round steps (1, 2, 5 × 10ⁿ) from zero to at least `max`, about five of them. */
export function niceTicks(max: number): number[] {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!,
  );
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}
