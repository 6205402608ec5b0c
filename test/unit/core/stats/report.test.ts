import { describe, expect, it } from 'vitest';
import { NAMED_AGE_SETS } from '../../../../core/stats/age-sets.ts';
import { type StatsPolicy, buildReport, isWholePeriod } from '../../../../core/stats/report.ts';
import { population } from '../../../fixtures/stats/population.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';

const policy: StatsPolicy = { k: 3, grid: 'quarter', ageSets: NAMED_AGE_SETS };
const now = new Date('2026-06-01T00:00:00.000Z');
const q1 = { from: '2026-01-01', to: '2026-03-31' };
const referral = storedReferral({ requestedAt: '2026-02-21T09:00:00.000Z', dueAt: '2026-02-24T09:00:00.000Z' });

describe('a statistics report', () => {
  it('shows an organisation its own children exactly, small cells included', () => {
    const report = buildReport(
      population,
      [referral],
      { ...q1, by: ['sex'], view: 'own', organisationId: 'org_avsi' },
      policy,
      now,
    );
    expect(report.values).toEqual([['female', 'male', 'other', 'unknown']]);
    expect(report.cells.map((c) => c.count)).toEqual([1, 2, 0, 0]);
    expect(report.children).toEqual({ count: 3 });
    expect(report).not.toHaveProperty('k');
    // The referral was made by org_espoir to org_divas: not AVSI's.
    expect(report.referrals.referrals).toEqual({ count: 0 });
  });

  it('hides across organisations every count from 1 to k-1, and what would give one away', () => {
    const report = buildReport(
      population,
      [referral],
      { ...q1, by: ['sex'], view: 'all', organisationId: 'org_avsi' },
      policy,
      now,
    );
    // 2 girls and 2 boys, known to be 4 in all: each is hidden, and the total cannot tell them apart.
    expect(report.cells.map((c) => c.count)).toEqual([null, null, 0, 0]);
    expect(report.cells[0]).toEqual({ count: null, suppressed: 'primary' });
    expect(report.total).toEqual({ count: 4, counts: 'children' });
    expect(report.children).toEqual({ count: 4 });
    expect(report.k).toBe(3);
    expect(report.referrals.referrals).toEqual({ count: null, suppressed: 'primary' });
    expect(report.referrals.acceptanceRate).toBeNull();
  });

  it('says when a dimension lets one child count more than once', () => {
    const report = buildReport(
      population,
      [],
      { ...q1, by: ['organisation'], view: 'own', organisationId: 'org_avsi' },
      policy,
      now,
    );
    expect(report.total.counts).toBe('child-values');
  });

  it('publishes across organisations only a whole period of the grid that has ended', () => {
    const ask = (from: string, to: string) => () =>
      buildReport(population, [], { from, to, by: ['sex'], view: 'all', organisationId: 'org_avsi' }, policy, now);
    expect(ask('2026-01-01', '2026-03-30')).toThrow(expect.objectContaining({ reason: 'invalid-query' }));
    expect(ask('2026-01-02', '2026-03-31')).toThrow(expect.objectContaining({ reason: 'invalid-query' }));
    expect(ask('2026-04-01', '2026-06-30')).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/to', code: 'period_not_over' })] }),
    );
    expect(ask('2026-01-01', '2026-03-31')).not.toThrow();
    // Its own view takes any window.
    expect(() =>
      buildReport(
        population,
        [],
        { from: '2026-01-02', to: '2026-01-03', by: [], view: 'own', organisationId: 'org_avsi' },
        policy,
        now,
      ),
    ).not.toThrow();
  });

  it('knows the calendar grid', () => {
    expect(isWholePeriod('2026-10-01', '2026-12-31', 'quarter')).toBe(true);
    expect(isWholePeriod('2026-02-01', '2026-04-30', 'quarter')).toBe(false);
    expect(isWholePeriod('2028-02-01', '2028-02-29', 'month')).toBe(true);
    expect(isWholePeriod('2026-02-01', '2026-02-28', 'quarter')).toBe(false);
  });

  it('refuses an unknown age set, a dimension named twice and more than three dimensions', () => {
    const ask = (extra: object) => () =>
      buildReport(
        population,
        [],
        { ...q1, by: ['sex'], view: 'own', organisationId: 'org_avsi', ...extra },
        policy,
        now,
      );
    expect(ask({ ageSet: 'who' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/ageSet' })] }),
    );
    expect(ask({ by: ['sex', 'sex'] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/by' })] }),
    );
    expect(ask({ by: ['sex', 'ageBracket', 'province', 'territory'] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/by', code: 'too_many_dimensions' })] }),
    );
  });
});
