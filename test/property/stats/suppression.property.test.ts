import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CountTable, suppress, tableEntries } from '../../../core/stats/suppression.ts';

/**
 * Disclosure control, checked against what an attacker could do with the published numbers: nothing
 * published is from 1 to k-1, and no hidden entry can be solved from the published ones. The check is
 * independent of the implementation's own: a rank test in exact BigInt arithmetic (e_i is determined iff
 * adding it as an equation leaves the rank unchanged), and, on tables small enough, every integer table
 * consistent with what was published, enumerated.
 */

const counts = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: 40 }),
);
const tableArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }).chain((sizes) =>
  fc.record({
    values: fc.constant(sizes.map((n, d) => Array.from({ length: n }, (_, v) => `d${d}v${v}`))),
    cells: fc.array(counts, {
      minLength: sizes.reduce((a, b) => a * b, 1),
      maxLength: sizes.reduce((a, b) => a * b, 1),
    }),
  }),
);

function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i]![c]!;
      if (f === 0n) continue;
      const a = m[r]![c]!;
      m[i] = m[i]!.map((v, j) => v * a - m[r]![j]! * f);
    }
    r++;
  }
  return r;
}

/** Hidden entries (by position in tableEntries) that the published entries determine. */
function solvable(table: CountTable, hidden: number[]): number[] {
  const { equations } = tableEntries(table);
  const rows = equations.map((eq) => hidden.map((i) => BigInt(eq[i]!)));
  const base = rank(rows);
  return hidden.filter((_, j) => rank([...rows, hidden.map((_, x) => (x === j ? 1n : 0n))]) === base);
}

const margins = (table: CountTable, d: number): number[] =>
  tableEntries(table).entries.flatMap((e) => (e.ref.kind === 'margin' && e.ref.dimension === d ? [e.value] : []));

function published(table: CountTable, k: number) {
  const out = suppress(table, k);
  const { entries } = tableEntries(table);
  const shown = [...out.cells, ...out.margins.flat(), out.total];
  return { out, entries, shown };
}

describe('small-cell suppression', () => {
  it('publishes no count from 1 to k-1, publishes every other count as it is, and hides a 0 only with every cell', () => {
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 3, max: 6 }), (table, k) => {
        const { entries, shown } = published(table, k);
        const everyCellHidden = table.cells.every((_, i) => shown[i] === null);
        shown.forEach((value, i) => {
          if (value !== null) {
            expect(value).toBe(entries[i]!.value);
            expect(value === 0 || value >= k).toBe(true);
          } else if (!everyCellHidden) expect(entries[i]!.value).toBeGreaterThanOrEqual(1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden count solvable from the published margins (exact rank test)', () => {
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 3, max: 6 }), (table, k) => {
        const { shown, entries } = published(table, k);
        const hidden = shown.flatMap((v, i) => (v === null ? [i] : []));
        // A hidden empty cell may be pinned at 0: it names nobody.
        expect(solvable(table, hidden).filter((i) => entries[i]!.value > 0)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('publishes the margins of a table as the one-dimension table of that dimension publishes its cells', () => {
    fc.assert(
      fc.property(
        tableArb.filter((t) => t.values.length > 1),
        fc.integer({ min: 3, max: 6 }),
        (table, k) => {
          const out = suppress(table, k);
          table.values.forEach((values, d) => {
            const alone = suppress({ values: [values], cells: margins(table, d) }, k);
            expect(out.margins[d]).toEqual(alone.cells);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves every hidden count of a small table at least two values among all tables consistent with what was published', () => {
    const small = fc.constantFrom([1, 3], [2, 2], [3, 1], [1, 4], [2, 1]).chain((sizes) =>
      fc.record({
        values: fc.constant(sizes.map((n, d) => Array.from({ length: n }, (_, v) => `d${d}v${v}`))),
        cells: fc.array(fc.integer({ min: 0, max: 5 }), {
          minLength: sizes[0]! * sizes[1]!,
          maxLength: sizes[0]! * sizes[1]!,
        }),
      }),
    );
    fc.assert(
      fc.property(small, fc.integer({ min: 3, max: 5 }), (table, k) => {
        const { shown, entries } = published(table, k);
        const bound = entries[entries.length - 1]!.value;
        const hiddenCells = table.cells.flatMap((_, i) => (shown[i] === null ? [i] : []));
        const seen = shown.map(() => new Set<number>());
        const candidate = [...table.cells];
        const walk = (n: number): void => {
          if (n === hiddenCells.length) {
            const { entries: e } = tableEntries({ values: table.values, cells: candidate });
            if (e.every((x, i) => shown[i] === null || shown[i] === x.value))
              e.forEach((x, i) => seen[i]!.add(x.value));
            return;
          }
          for (let v = 0; v <= bound; v++) {
            candidate[hiddenCells[n]!] = v;
            walk(n + 1);
          }
        };
        walk(0);
        shown.forEach((v, i) => {
          if (v === null && entries[i]!.value > 0)
            expect(seen[i]!.size, `entry ${i} of ${JSON.stringify(table)}`).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 200 },
    );
  });
});
