import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_HOURS, dueAt, isOverdue, parseResponseHours } from '../../../../core/referrals/priority.ts';

const at = new Date('2026-12-01T10:00:00.000Z');

describe('referral priority', () => {
  it('gives 24 h for an emergency, 72 h for urgent, two weeks for normal', () => {
    expect(dueAt(at, 'emergency').toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(dueAt(at, 'urgent').toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(dueAt(at, 'normal').toISOString()).toBe('2026-12-15T10:00:00.000Z');
  });

  it('takes a deployment’s own hours, and refuses a setting it cannot read', () => {
    expect(parseResponseHours(undefined)).toEqual(DEFAULT_RESPONSE_HOURS);
    expect(parseResponseHours('emergency=12, urgent=48')).toEqual({ emergency: 12, urgent: 48, normal: 336 });
    for (const bad of ['emergency', 'soon=3', 'urgent=0', 'normal=two'])
      expect(() => parseResponseHours(bad)).toThrow();
  });

  it('is overdue past the due date while still waiting for an answer, not once answered', () => {
    const referral = { status: 'requested', dueAt: '2026-12-02T10:00:00.000Z' };
    expect(isOverdue(referral, new Date('2026-12-02T09:59:59.000Z'))).toBe(false);
    expect(isOverdue(referral, new Date('2026-12-02T10:00:01.000Z'))).toBe(true);
    expect(isOverdue({ ...referral, status: 'accepted' }, new Date('2026-12-03T00:00:00.000Z'))).toBe(false);
    expect(
      isOverdue(
        { ...referral, status: 'in-progress' },
        new Date('2026-12-20T00:00:00.000Z'),
        '2026-12-15T00:00:00.000Z',
      ),
    ).toBe(true);
  });
});
