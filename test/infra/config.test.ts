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

  it('takes an optional domain with its us-east-1 certificate and a CLOUDFRONT web ACL for the admin site, refused by name when malformed', () => {
    expect(resolveStage({ dev: valid }, 'dev').config.adminSite).toEqual({});
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const webAclArn =
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/relais-admin/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const site = { domainName: 'admin.relais.example.org', certificateArn, webAclArn };
    expect(resolveStage({ dev: { ...valid, adminSite: site } }, 'dev').config.adminSite).toEqual(site);
    const refused = (adminSite: unknown) => () => resolveStage({ dev: { ...valid, adminSite } }, 'dev');
    expect(refused({ domainName: 'admin.relais.example.org' })).toThrow(/go together.*at adminSite\.certificateArn/s);
    expect(refused({ certificateArn })).toThrow(/go together.*at adminSite\.domainName/s);
    expect(
      refused({
        domainName: 'admin.relais.example.org',
        certificateArn: certificateArn.replace('us-east-1', 'eu-west-1'),
      }),
    ).toThrow(/certificate ARN in us-east-1.*at adminSite\.certificateArn/s);
    expect(refused({ webAclArn: webAclArn.replace('global', 'regional') })).toThrow(/at adminSite\.webAclArn/);
    expect(refused({ domainName: 'https://admin.example.org', certificateArn })).toThrow(/at adminSite\.domainName/);
  });
});
