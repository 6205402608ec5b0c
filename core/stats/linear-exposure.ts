/**
 * Which unknowns of a linear system are pinned down by it. A published table is such a system: its margins
 * are sums of its cells, so a hidden cell is worked out exactly when the published numbers leave it one
 * value. Unknown i is determined iff the unit vector e_i lies in the row space of the equations restricted
 * to the unknowns; in reduced row echelon form, iff i is a pivot whose row has no other unknown left.
 *
 * Written here rather than taken from a library: it is thirty lines, and it must be exact. The equations
 * of a table have coefficients 0 and ±1, so elimination is done in integers (each row kept divided by its
 * gcd), never in floating point, where a tolerance would decide what is disclosed.
 */

/** `rows` are equations over `width` unknowns (dense integer coefficients; the right-hand side is irrelevant). */
export function determinedUnknowns(rows: readonly (readonly number[])[], width: number): Set<number> {
  const m = rows.map((r) => [...r]);
  const pivotRowOf = new Map<number, number>();
  let rank = 0;
  for (let col = 0; col < width && rank < m.length; col++) {
    const found = m.findIndex((r, i) => i >= rank && r[col] !== 0);
    if (found < 0) continue;
    [m[rank], m[found]] = [m[found]!, m[rank]!];
    const pivot = m[rank]!;
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i]![col] === 0) continue;
      const row = m[i]!;
      const a = pivot[col]!;
      const b = row[col]!;
      for (let j = 0; j < width; j++) row[j] = row[j]! * a - pivot[j]! * b;
      normalise(row);
    }
    pivotRowOf.set(col, rank);
    rank++;
  }
  const determined = new Set<number>();
  for (const [col, r] of pivotRowOf) {
    const row = m[r]!;
    if (row.every((v, j) => j === col || v === 0)) determined.add(col);
  }
  return determined;
}

function normalise(row: number[]): void {
  let g = 0;
  for (const v of row) g = gcd(g, Math.abs(v));
  if (g > 1) for (let j = 0; j < row.length; j++) row[j] = row[j]! / g;
  if (!row.every(Number.isSafeInteger)) throw new Error('exposure check: coefficients outgrew exact integers');
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
