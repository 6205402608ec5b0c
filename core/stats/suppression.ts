import { determinedUnknowns } from './linear-exposure.ts';

/**
 * Small-cell suppression for a published table of counts: its cells (the full cross product of its
 * dimensions), one margin per value of each dimension, and the grand total.
 *
 * - Primary: any cell or margin from 1 to k-1 is hidden (0 is published: an empty cell names nobody).
 * - Secondary: more entries are hidden until no hidden one can be worked out from what is published.
 *   The published entries fix a linear system (each margin is the sum of its cells, the total the sum of
 *   each dimension's margins); a hidden entry is exposed when that system pins it (linear-exposure.ts).
 *   Secondary entries are only ever taken among entries of at least 1, so every hidden entry is at least 1:
 *   then the true table lies strictly inside the non-negative solutions, and an entry that the equations
 *   leave free is not pinned by non-negativity either (it can move both ways along a solution direction).
 * - Linked tables: the margins of a table of several dimensions are hidden exactly as the table of that
 *   dimension alone hides its cells (by=sex beside by=sex,ageBracket). When the cells cannot be protected
 *   without hiding one more margin, the table publishes no cell at all, only those margins.
 * Entries to hide are chosen greedily, cells before margins and the smallest first (the least information
 * lost), deterministically, so the same table is always suppressed the same way.
 */

export interface CountTable {
  /** Each dimension's values, in the order cells are laid out (row-major, the last dimension fastest). */
  readonly values: readonly (readonly string[])[];
  readonly cells: readonly number[];
}

export type EntryRef =
  { kind: 'cell'; index: number } | { kind: 'margin'; dimension: number; value: number } | { kind: 'total' };

export type Suppression = 'primary' | 'secondary';

export interface SuppressedTable {
  cells: Array<number | null>;
  /** margins[d][v]: the total of the cells whose dimension d has its value v. */
  margins: Array<Array<number | null>>;
  total: number | null;
  /** Why each hidden entry is hidden, by entry key (see entryKey). */
  reasons: Map<string, Suppression>;
}

export const entryKey = (ref: EntryRef): string =>
  ref.kind === 'cell' ? `c${ref.index}` : ref.kind === 'margin' ? `m${ref.dimension}:${ref.value}` : 't';

/** Index arithmetic over the cross product, and the table's entries with their values. */
export function tableEntries(table: CountTable): {
  entries: Array<{ ref: EntryRef; value: number }>;
  equations: number[][];
  coordinates: (cell: number) => number[];
} {
  const sizes = table.values.map((v) => v.length);
  const expected = sizes.reduce((a, b) => a * b, 1);
  if (table.cells.length !== expected) throw new Error(`a table of ${sizes.join('×')} has ${expected} cells`);
  const coordinates = (cell: number): number[] => {
    const out = new Array<number>(sizes.length);
    for (let d = sizes.length - 1; d >= 0; d--) {
      out[d] = cell % sizes[d]!;
      cell = Math.floor(cell / sizes[d]!);
    }
    return out;
  };
  const entries: Array<{ ref: EntryRef; value: number }> = table.cells.map((value, index) => ({
    ref: { kind: 'cell', index },
    value,
  }));
  const marginIndex = new Map<string, number>();
  sizes.forEach((size, dimension) => {
    for (let value = 0; value < size; value++) {
      const ref: EntryRef = { kind: 'margin', dimension, value };
      const sum = table.cells.reduce((acc, c, i) => (coordinates(i)[dimension] === value ? acc + c : acc), 0);
      marginIndex.set(entryKey(ref), entries.length);
      entries.push({ ref, value: sum });
    }
  });
  const totalIndex = entries.length;
  entries.push({ ref: { kind: 'total' }, value: table.cells.reduce((a, b) => a + b, 0) });
  // Each equation as coefficients over all entries, summing to zero.
  const equations: number[][] = [];
  sizes.forEach((size, dimension) => {
    for (let value = 0; value < size; value++) {
      const row = new Array<number>(entries.length).fill(0);
      table.cells.forEach((_, i) => {
        if (coordinates(i)[dimension] === value) row[i] = 1;
      });
      row[marginIndex.get(entryKey({ kind: 'margin', dimension, value }))!] = -1;
      equations.push(row);
    }
    const row = new Array<number>(entries.length).fill(0);
    for (let value = 0; value < size; value++)
      row[marginIndex.get(entryKey({ kind: 'margin', dimension, value }))!] = 1;
    row[totalIndex] = -1;
    equations.push(row);
  });
  return { entries, equations, coordinates };
}

/** The entries (by position in tableEntries) that the published ones pin down, among the hidden ones. */
export function exposedEntries(equations: readonly (readonly number[])[], hidden: ReadonlySet<number>): number[] {
  const unknowns = [...hidden].sort((a, b) => a - b);
  const rows = equations.map((eq) => unknowns.map((i) => eq[i]!)).filter((r) => r.some((v) => v !== 0));
  const determined = determinedUnknowns(rows, unknowns.length);
  return [...determined].map((j) => unknowns[j]!).sort((a, b) => a - b);
}

const MAX_TRIES = 24;

/**
 * The corners of the box around `at` (another value taken in every dimension of two values or more)
 * whose corners are all at least 1, hiding the fewest new entries and then the fewest children.
 * Undefined when no such box exists.
 */
function cheapestBox(
  at: readonly number[],
  sizes: readonly number[],
  cellAt: (coords: readonly number[]) => number,
  count: (cell: number) => number,
  hidden: (cell: number) => boolean,
): number[] | undefined {
  const choices = at.map((x, d) =>
    sizes[d]! < 2 ? [undefined] : Array.from({ length: sizes[d]! }, (_, v) => v).filter((v) => v !== x),
  );
  let best: { corners: number[]; cost: [number, number] } | undefined;
  const visit = (d: number, other: Array<number | undefined>): void => {
    if (d === at.length) {
      let corners: number[][] = [[]];
      at.forEach((x, dim) => {
        const alt = other[dim];
        corners = corners.flatMap((c) =>
          alt === undefined
            ? [[...c, x]]
            : [
                [...c, x],
                [...c, alt],
              ],
        );
      });
      const cells = corners.map(cellAt);
      if (cells.some((c) => count(c) < 1)) return;
      const fresh = cells.filter((c) => !hidden(c));
      const cost: [number, number] = [fresh.length, fresh.reduce((a, c) => a + count(c), 0)];
      if (!best || cost[0] < best.cost[0] || (cost[0] === best.cost[0] && cost[1] < best.cost[1]))
        best = { corners: cells, cost };
      return;
    }
    for (const v of choices[d]!) visit(d + 1, [...other, v]);
  };
  visit(0, []);
  return best?.corners;
}

/**
 * Entries that may be hidden, nearest first: those sharing an equation with `start`, then those sharing
 * one with a hidden entry reached so far (hiding beyond the hidden neighbourhood cannot free `start`
 * sooner), then in preference order within each distance.
 */
function nearest(
  start: number,
  sharing: readonly (readonly (readonly number[])[])[],
  hidden: (i: number) => boolean,
  eligible: (i: number) => boolean,
  order: (a: number, b: number) => number,
): number[] {
  const out: number[] = [];
  const visited = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const found = new Set<number>();
    const next: number[] = [];
    for (const i of frontier)
      for (const eq of sharing[i]!)
        eq.forEach((c, j) => {
          if (c === 0 || visited.has(j)) return;
          visited.add(j);
          if (hidden(j)) next.push(j);
          else if (eligible(j)) found.add(j);
        });
    out.push(...[...found].sort(order));
    frontier = next;
  }
  return out;
}

const marginValues = (entries: ReadonlyArray<{ ref: EntryRef; value: number }>, dimension: number): number[] =>
  entries.flatMap((e) => (e.ref.kind === 'margin' && e.ref.dimension === dimension ? [e.value] : []));

export function suppress(table: CountTable, k: number): SuppressedTable {
  if (!Number.isInteger(k) || k < 2) throw new Error('the threshold k is an integer of at least 2');
  const { entries, equations, coordinates } = tableEntries(table);
  const reasons = new Map<number, Suppression>();
  entries.forEach((e, i) => {
    if (e.value >= 1 && e.value < k) reasons.set(i, 'primary');
  });
  // A table's margins are the cells of a one-dimension table that can be asked for on its own (by=sex
  // after by=sex,ageBracket). They are hidden exactly as that table would hide them, so that the two
  // published together tell nothing either does not.
  const linked = new Map<number, Suppression>();
  if (table.values.length > 1) {
    table.values.forEach((values, dimension) => {
      const alone = suppress({ values: [values], cells: marginValues(entries, dimension) }, k);
      alone.cells.forEach((v, value) => {
        const at = entries.findIndex(
          (e) => e.ref.kind === 'margin' && e.ref.dimension === dimension && e.ref.value === value,
        );
        if (v === null) linked.set(at, reasons.get(at) ?? 'secondary');
      });
      if (alone.total === null) linked.set(entries.length - 1, reasons.get(entries.length - 1) ?? 'secondary');
    });
    for (const [i, why] of linked) reasons.set(i, why);
  }
  // The equations each entry appears in: a hidden entry is freed by hiding another entry of one of them.
  const sharing = entries.map((_, i) => equations.filter((eq) => eq[i] !== 0));
  const preference = (i: number) => [entries[i]!.ref.kind === 'cell' ? 0 : 1, entries[i]!.value, i] as const;
  const byPreference = (a: number, b: number) => {
    const [pa, pb] = [preference(a), preference(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  };
  // First the hypercube method: each small cell exposed so far is hidden together with the other corners
  // of the cheapest box around it whose corners all hold someone. In two dimensions, a rectangle: every
  // row and column it touches then holds two hidden cells, which nothing published separates.
  const sizes = table.values.map((v) => v.length);
  const cellAt = (coords: readonly number[]) => coords.reduce((acc, c, d) => acc * sizes[d]! + c, 0);
  for (const [cell] of [...reasons].filter(([i, why]) => why === 'primary' && i < table.cells.length)) {
    if (!exposedEntries(equations, new Set(reasons.keys())).includes(cell)) continue;
    const box = cheapestBox(
      coordinates(cell),
      sizes,
      cellAt,
      (i) => table.cells[i]!,
      (i) => reasons.has(i),
    );
    for (const corner of box ?? []) if (!reasons.has(corner)) reasons.set(corner, 'secondary');
  }
  // Then, for whatever is still exposed (margins, boxes that overlap), hiding one entry at a time.
  for (;;) {
    const exposed = exposedEntries(equations, new Set(reasons.keys()));
    if (exposed.length === 0) break;
    const target = exposed[0]!;
    const candidates = nearest(
      target,
      sharing,
      (j) => reasons.has(j),
      (j) => entries[j]!.value >= 1,
      byPreference,
    );
    if (candidates.length === 0) {
      // Every hidden entry is at least 1 and the equations are homogeneous, so if all entries of 1 or more
      // were hidden, none could be pinned (it would have to be 0): reaching this is a defect.
      throw new Error('suppression: an exposed entry has no entry left to hide with it');
    }
    // The nearest few are the ones that can free it. One that frees it is taken; otherwise the one that
    // leaves the fewest entries exposed (it closes part of a cycle of hidden entries).
    let best = candidates[0]!;
    let fewest = Number.POSITIVE_INFINITY;
    for (const j of candidates.slice(0, MAX_TRIES)) {
      const after = exposedEntries(equations, new Set([...reasons.keys(), j]));
      if (!after.includes(target)) {
        best = j;
        break;
      }
      if (after.length < fewest) [best, fewest] = [j, after.length];
    }
    reasons.set(best, 'secondary');
  }
  // Protecting the cells took a margin that the table of its dimension alone publishes: the two tables
  // together would undo it. Then no cell is published (empty ones neither, since a published 0 beside a
  // published margin can give a cell away); the margins stay as the one-dimension tables show them.
  if (table.values.length > 1 && [...reasons.keys()].some((i) => i >= table.cells.length && !linked.has(i))) {
    reasons.clear();
    table.cells.forEach((c, i) => reasons.set(i, c >= 1 && c < k ? 'primary' : 'secondary'));
    for (const [i, why] of linked) reasons.set(i, why);
  }
  const shown = (i: number) => (reasons.has(i) ? null : entries[i]!.value);
  const cells = table.cells.map((_, i) => shown(i));
  const margins = table.values.map(() => [] as Array<number | null>);
  entries.forEach((e, i) => {
    if (e.ref.kind === 'margin') margins[e.ref.dimension]![e.ref.value] = shown(i);
  });
  return {
    cells,
    margins,
    total: shown(entries.length - 1),
    reasons: new Map([...reasons].map(([i, why]) => [entryKey(entries[i]!.ref), why])),
  };
}
