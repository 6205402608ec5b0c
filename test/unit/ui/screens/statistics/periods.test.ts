import { describe, expect, it } from 'vitest';
import { periodLabel, periodsBack, recentPeriods } from '../../../../../ui/src/screens/statistics/periods.ts';

/** The periods the statistics form offers: whole calendar periods of the deployment's grid, newest first. */
describe('the statistics form’s periods', () => {
  const now = new Date('2026-12-03T13:00:00Z');

  it('offers the quarter in progress, not ended, then whole quarters before it across a year boundary', () => {
    expect(recentPeriods('quarter', now, 4)).toEqual([
      { from: '2026-10-01', to: '2026-12-31', ended: false },
      { from: '2026-07-01', to: '2026-09-30', ended: true },
      { from: '2026-04-01', to: '2026-06-30', ended: true },
      { from: '2026-01-01', to: '2026-03-31', ended: true },
      { from: '2025-10-01', to: '2025-12-31', ended: true },
    ]);
  });

  it('cuts months on their last day, February included, and counts a month ended only after its last instant', () => {
    expect(periodsBack('month', '2024-03-15', 2, now)).toEqual([
      { from: '2024-03-01', to: '2024-03-31', ended: true },
      { from: '2024-02-01', to: '2024-02-29', ended: true },
    ]);
    expect(periodsBack('month', '2026-11-30', 1, new Date('2026-11-30T23:59:59.999Z'))[0]!.ended).toBe(false);
    expect(periodsBack('month', '2026-11-30', 1, new Date('2026-12-01T00:00:00.000Z'))[0]!.ended).toBe(true);
  });

  it('names a period of the grid in the language, and any other window by its dates', () => {
    expect(periodLabel('fr', 'quarter', { from: '2026-07-01', to: '2026-09-30' })).toBe('T3 2026');
    expect(periodLabel('en', 'quarter', { from: '2026-07-01', to: '2026-09-30' })).toBe('Q3 2026');
    expect(periodLabel('fr', 'month', { from: '2026-02-01', to: '2026-02-28' })).toBe('février 2026');
    expect(periodLabel('en', 'month', { from: '2026-02-01', to: '2026-02-28' })).toBe('February 2026');
    expect(periodLabel('en', 'quarter', { from: '2026-07-01', to: '2026-07-31' })).toBe('2026-07-01 – 2026-07-31');
  });
});
