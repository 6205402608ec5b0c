import { describe, expect, it } from 'vitest';
import { suppress } from '../../../../core/stats/suppression.ts';

const bySexAndAge = (cells: number[]) => ({
  values: [
    ['female', 'male'],
    ['0-5', '6-11', '12-17'],
  ],
  cells,
});

describe('suppress', () => {
  it('publishes a table with no count from 1 to k-1 as it is', () => {
    const out = suppress(bySexAndAge([12, 5, 8, 9, 7, 0]), 5);
    expect(out).toMatchObject({
      cells: [12, 5, 8, 9, 7, 0],
      margins: [
        [25, 16],
        [21, 12, 8],
      ],
      total: 41,
    });
    expect(out.reasons.size).toBe(0);
  });

  it('hides a small cell and a cycle of others, so that neither its row nor its column gives it away', () => {
    // Girls aged 6-11: 3. Hiding that cell alone, its row total minus the other two would give it back.
    const out = suppress(bySexAndAge([12, 3, 8, 9, 7, 0]), 5);
    expect(out.cells).toEqual([null, null, 8, null, null, 0]);
    expect(out.margins).toEqual([
      [23, 16],
      [21, 10, 8],
    ]);
    expect(out.total).toBe(39);
    expect(Object.fromEntries(out.reasons)).toEqual({
      c1: 'primary',
      c0: 'secondary',
      c3: 'secondary',
      c4: 'secondary',
    });
  });

  it('hides a small margin too, and never uses an empty cell to hide another', () => {
    // Boys: 4 in all, so their total is hidden, and the girls' too (the grand total minus it would tell);
    // no box around the boys aged 0-5 has children in every corner, so the girls aged 0-5 hide them.
    const out = suppress(bySexAndAge([12, 6, 8, 4, 0, 0]), 5);
    expect(out.cells).toEqual([null, 6, 8, null, 0, 0]);
    expect(out.margins).toEqual([
      [null, null],
      [16, 6, 8],
    ]);
    expect(out.total).toBe(30);
    expect(Object.fromEntries(out.reasons)).toEqual({
      c3: 'primary',
      'm0:1': 'primary',
      c0: 'secondary',
      'm0:0': 'secondary',
    });
  });

  it('suppresses the same table the same way every time', () => {
    const table = {
      values: [
        ['a', 'b', 'c'],
        ['x', 'y', 'z'],
      ],
      cells: [1, 9, 2, 30, 4, 7, 6, 1, 12],
    };
    expect(suppress(table, 5)).toEqual(suppress(table, 5));
  });

  it('refuses a threshold below 2 and a table whose cells do not fill its dimensions', () => {
    expect(() => suppress(bySexAndAge([1, 2, 3, 4, 5, 6]), 1)).toThrow(/at least 2/);
    expect(() => suppress(bySexAndAge([1, 2, 3]), 5)).toThrow(/2×3 has 6 cells/);
  });
});
