import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DiffLine, diffLines, withContext } from '../../../../../ui/src/screens/mappings/line-diff.ts';

/** Few distinct lines, so that two documents share many of them in different orders. */
const doc = fc.array(fc.constantFrom('id: a', 'tool: kobo', 'fields:', '  /person/sex:', '    from: x', ''), {
  maxLength: 30,
});

/** The longest common subsequence's length, by the textbook recursion (the reference the diff must reach). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const side = (lines: DiffLine[], kind: 'removed' | 'added') =>
  lines.filter((l) => l.kind === 'same' || l.kind === kind).map((l) => l.text);

describe('the line diff of two mapping versions', () => {
  it('gives back the old document from its kept and removed lines, and the new one from its kept and added lines', () => {
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        const lines = diffLines(before, after);
        expect(side(lines, 'removed')).toEqual(before);
        expect(side(lines, 'added')).toEqual(after);
      }),
    );
  });

  it('keeps as many lines as the longest common subsequence: no line is shown changed that could be kept', () => {
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        expect(diffLines(before, after).filter((l) => l.kind === 'same')).toHaveLength(lcsLength(before, after));
      }),
    );
  });

  it('numbers each line as it stands in its own document', () => {
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        for (const line of diffLines(before, after)) {
          if (line.kind !== 'added') expect(before[line.oldLine - 1]).toBe(line.text);
          if (line.kind !== 'removed') expect(after[line.newLine - 1]).toBe(line.text);
        }
      }),
    );
  });

  it('shows a changed line as the old one then the new one', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'B', 'c']).map((l) => `${l.kind} ${l.text}`)).toEqual([
      'same a',
      'removed b',
      'added B',
      'same c',
    ]);
  });

  it('shows every changed line with its context and counts the unchanged lines it leaves out', () => {
    fc.assert(
      fc.property(doc, doc, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
        const lines = diffLines(before, after);
        const hunks = withContext(lines, context);
        const shown = hunks.filter((h) => h.kind !== 'skipped');
        const skipped = hunks.reduce((n, h) => n + (h.kind === 'skipped' ? h.count : 0), 0);
        expect(shown.length + skipped).toBe(lines.length);
        expect(shown.filter((h) => h.kind !== 'same')).toHaveLength(lines.filter((l) => l.kind !== 'same').length);
        // Two counts never follow each other: a run of unchanged lines is counted once.
        hunks.forEach((h, i) => i > 0 && h.kind === 'skipped' && expect(hunks[i - 1]!.kind).not.toBe('skipped'));
        if (lines.every((l) => l.kind === 'same')) expect(shown).toEqual([]);
      }),
    );
  });
});
