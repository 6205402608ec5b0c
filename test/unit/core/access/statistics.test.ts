import { describe, expect, it } from 'vitest';
import { referralIsOwn, statisticsAccess } from '../../../../core/access/statistics.ts';

const viewers = new Set(['org_unicef']);

describe('who may see which statistics', () => {
  it("counts an organisation's own view as its own read, and every view across organisations as a cross-organisation read", () => {
    expect(statisticsAccess({ organisationId: 'org_avsi' }, { view: 'own', by: ['organisation'] }, viewers)).toEqual({
      organisationId: 'org_avsi',
      crossOrganisationRead: false,
    });
    expect(statisticsAccess({ organisationId: 'org_avsi' }, { view: 'all', by: ['sex'] }, viewers)).toEqual({
      organisationId: 'org_avsi',
      crossOrganisationRead: true,
    });
  });

  it('opens the organisation dimension across organisations only to the organisations the deployment lists', () => {
    expect(() =>
      statisticsAccess({ organisationId: 'org_avsi' }, { view: 'all', by: ['sex', 'organisation'] }, viewers),
    ).toThrow(expect.objectContaining({ kind: 'forbidden', issues: [expect.objectContaining({ pointer: '/by' })] }));
    expect(
      statisticsAccess({ organisationId: 'org_unicef' }, { view: 'all', by: ['organisation'] }, viewers)
        .crossOrganisationRead,
    ).toBe(true);
  });

  it("takes a referral as an organisation's own when it made or received it, and no other", () => {
    const referral = { referring: { organisationId: 'org_avsi' }, receiving: { organisationId: 'org_divas' } };
    expect(referralIsOwn('org_avsi', referral)).toBe(true);
    expect(referralIsOwn('org_divas', referral)).toBe(true);
    expect(referralIsOwn('org_war-child', referral)).toBe(false);
  });
});
