import { describe, expect, it } from 'vitest';
import { resolveStage } from '../../infra/config.ts';
import { cdkContext } from './support/synth.ts';

const valid = {
  deletionProtection: false,
  logRetentionDays: 14,
  logLevel: 'INFO',
  throttle: { rateLimit: 10, burstLimit: 20 },
};

describe('resolveStage', () => {
  it('accepts every stage cdk.json declares, dev by default', () => {
    const stages = cdkContext['relais:stages'] as Record<string, unknown>;
    expect(Object.keys(stages)).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const name of Object.keys(stages)) expect(resolveStage(stages, name).name).toBe(name);
    expect(resolveStage(stages, undefined).name).toBe('dev');
  });

  it('places the stacks in eu-west-1 unless the stage says otherwise', () => {
    expect(resolveStage({ dev: valid }, 'dev').config.region).toBe('eu-west-1');
    expect(resolveStage({ dev: { ...valid, region: 'af-south-1' } }, 'dev').config.region).toBe('af-south-1');
  });

  it('names the stages that exist when asked for another', () => {
    expect(() => resolveStage({ dev: valid, prod: valid }, 'staging')).toThrow(
      'Unknown stage "staging"; cdk.json context relais:stages declares: dev, prod',
    );
  });

  it('names the offending field of an invalid stage', () => {
    expect(() => resolveStage({ dev: { ...valid, logRetentionDays: 7 } }, 'dev')).toThrow(
      /stage "dev".*logRetentionDays/s,
    );
    expect(() => resolveStage({ dev: { ...valid, account: '1234' } }, 'dev')).toThrow(/account/);
    expect(() => resolveStage({ dev: { ...valid, typo: true } }, 'dev')).toThrow(/typo/);
  });

  it('takes statistics settings from the stage: k 5 and quarters by default, k never below 3, custom age sets checked', () => {
    expect(resolveStage({ dev: valid }, 'dev').config.statistics).toEqual({
      k: 5,
      grid: 'quarter',
      ageSets: {},
      organisationViewers: [],
    });
    const custom = {
      k: 10,
      grid: 'month',
      ageSets: {
        school: [
          { min: 6, max: 11 },
          { min: 12, max: 17 },
        ],
      },
    };
    expect(resolveStage({ dev: { ...valid, statistics: custom } }, 'dev').config.statistics).toMatchObject(custom);
    expect(() => resolveStage({ dev: { ...valid, statistics: { k: 2 } } }, 'dev')).toThrow(/statistics.*k/s);
    expect(() =>
      resolveStage({ dev: { ...valid, statistics: { ageSets: { primero: [{ min: 0 }] } } } }, 'dev'),
    ).toThrow(/built in/);
    expect(() =>
      resolveStage({ dev: { ...valid, statistics: { ageSets: { x2: [{ min: 5, max: 3 }] } } } }, 'dev'),
    ).toThrow(/max is below min/);
  });
});
