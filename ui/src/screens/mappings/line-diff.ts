/**
 * A line diff for two versions of a mapping. Written here rather than taken from a package: a longest
 * common subsequence over a few hundred lines is twenty lines of code, and the screen's chunk stays lean.
 * The table is quadratic in the lines that differ (common head and tail are set aside first), so a
 * mapping of 500 changed lines costs 250 000 cells, well under a millisecond's worth of memory.
 */
export type DiffLine =
  | { kind: 'same'; text: string; oldLine: number; newLine: number }
  | { kind: 'removed'; text: string; oldLine: number }
  | { kind: 'added'; text: string; newLine: number };

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
  const n = a.length;
  const m = b.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
  const lines: DiffLine[] = [];
  for (let k = 0; k < head; k++) lines.push({ kind: 'same', text: before[k]!, oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]!, oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      // On a tie the removal comes first: a changed line reads as the old one, then the new one.
      lines.push({ kind: 'removed', text: a[i]!, oldLine: head + i + 1 });
      i++;
    } else {
      lines.push({ kind: 'added', text: b[j]!, newLine: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    const oldLine = before.length - tail + k + 1;
    const newLine = after.length - tail + k + 1;
    lines.push({ kind: 'same', text: before[oldLine - 1]!, oldLine, newLine });
  }
  return lines;
}

export type Hunk = DiffLine | { kind: 'skipped'; count: number };

/** The changed lines with `context` unchanged lines around each; longer unchanged runs are counted, not shown. */
export function withContext(lines: readonly DiffLine[], context = 3): Hunk[] {
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) near[k] = true;
  });
  const hunks: Hunk[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (near[index]) {
      if (skipped > 0) hunks.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      hunks.push(line);
    } else skipped++;
  });
  if (skipped > 0) hunks.push({ kind: 'skipped', count: skipped });
  return hunks;
}
