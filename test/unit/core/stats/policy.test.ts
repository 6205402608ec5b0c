import { describe, expect, it } from 'vitest';
import { NAMED_AGE_SETS } from '../../../../core/stats/age-sets.ts';
import { StatisticsConfig, statisticsEnvironment, statisticsFromEnv } from '../../../../core/stats/policy.ts';

describe('statistics settings, from the stage to the functions', () => {
  it('reach the functions as the stage set them, through the environment', () => {
    const config = StatisticsConfig.parse({
      k: 7,
      grid: 'month',
      ageSets: {
        school: [
          { min: 6, max: 11 },
          { min: 12, max: 17 },
        ],
      },
      organisationViewers: ['org_unicef', 'org_dpe'],
    });
    const settings = statisticsFromEnv(statisticsEnvironment(config));
    expect(settings.policy.k).toBe(7);
    expect(settings.policy.grid).toBe('month');
    expect(settings.policy.ageSets).toEqual({ ...NAMED_AGE_SETS, school: config.ageSets.school });
    expect([...settings.organisationViewers]).toEqual(['org_unicef', 'org_dpe']);
  });

  it('are the defaults when nothing is set: k 5, quarters, the named age sets, nobody sees organisations', () => {
    const settings = statisticsFromEnv({});
    expect(settings.policy).toEqual({ k: 5, grid: 'quarter', ageSets: NAMED_AGE_SETS });
    expect(settings.organisationViewers.size).toBe(0);
  });

  it('refuse a k below 3 or an unknown grid at start, naming the setting', () => {
    expect(() => statisticsFromEnv({ RELAIS_STATS_K: '2' })).toThrow(/k/);
    expect(() => statisticsFromEnv({ RELAIS_STATS_GRID: 'week' })).toThrow(/grid/);
  });
});
