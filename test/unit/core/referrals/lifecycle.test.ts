import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { type Actor, applyStatusChange, nextStatuses } from '../../../../core/referrals/lifecycle.ts';
import {
  ReasonCode,
  ReferralStatus,
  type StatusChange,
  type StatusEntry,
} from '../../../../schemas/canonical/referral.ts';

const at = new Date('2026-12-01T10:00:00Z');
const receiver: Actor = { side: 'receiving', organisationId: 'org_divas' };
const referrer: Actor = { side: 'referring', organisationId: 'org_espoir' };
const feedback = { serviceProvided: 'Accompagnement psychosocial', outcome: 'needs-met', date: '2026-12-01' } as const;

/** The change each status needs to be well-formed: a reason where one is required, feedback to complete. */
const wellFormed = (status: ReferralStatus): StatusChange => ({
  status,
  ...(['rejected', 'cancelled', 'on-hold', 'failed'].includes(status) ? { reasonCode: 'other' } : {}),
  ...(status === 'completed' ? { feedback } : {}),
});

function refusal(fn: () => unknown): { kind: string; reason: string; pointers: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RelaisError) {
      return { kind: error.kind, reason: error.reason, pointers: error.issues.map((i) => i.pointer) };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('referral lifecycle', () => {
  it.each<[ReferralStatus, ReferralStatus]>([
    ['requested', 'accepted'],
    ['requested', 'rejected'],
    ['accepted', 'in-progress'],
    ['accepted', 'on-hold'],
    ['accepted', 'completed'],
    ['accepted', 'failed'],
    ['in-progress', 'on-hold'],
    ['on-hold', 'in-progress'],
    ['in-progress', 'completed'],
    ['in-progress', 'failed'],
  ])('lets the receiver move %s → %s, one version up', (from, to) => {
    const entry = applyStatusChange({ status: from, version: 3 }, wellFormed(to), receiver, at);
    expect(entry).toMatchObject({ version: 4, status: to, side: 'receiving', byOrganisationId: 'org_divas' });
    expect(entry.at).toBe(at.toISOString());
  });

  it.each<ReferralStatus>(['requested', 'accepted', 'in-progress', 'on-hold'])(
    'lets either side cancel a %s referral',
    (from) => {
      for (const actor of [referrer, receiver]) {
        expect(applyStatusChange({ status: from, version: 1 }, wellFormed('cancelled'), actor, at).status).toBe(
          'cancelled',
        );
      }
    },
  );

  it('refuses the referrer accepting, completing or rejecting its own referral (409 not-yours)', () => {
    for (const to of ['accepted', 'rejected'] as const) {
      expect(
        refusal(() => applyStatusChange({ status: 'requested', version: 1 }, wellFormed(to), referrer, at)),
      ).toEqual({ kind: 'conflict', reason: 'referral-transition-not-yours', pointers: [] });
    }
    expect(
      refusal(() => applyStatusChange({ status: 'accepted', version: 2 }, wellFormed('completed'), referrer, at))
        .reason,
    ).toBe('referral-transition-not-yours');
  });

  it('refuses a repeated status (accepting twice) and a skipped step with 409, never a silent success', () => {
    expect(
      refusal(() => applyStatusChange({ status: 'accepted', version: 2 }, wellFormed('accepted'), receiver, at)).reason,
    ).toBe('referral-transition-not-allowed');
    expect(
      refusal(() => applyStatusChange({ status: 'requested', version: 1 }, wellFormed('completed'), receiver, at))
        .reason,
    ).toBe('referral-transition-not-allowed');
    expect(
      refusal(() => applyStatusChange({ status: 'on-hold', version: 3 }, wellFormed('completed'), receiver, at)).reason,
    ).toBe('referral-transition-not-allowed');
  });

  it.each<ReferralStatus>(['rejected', 'cancelled', 'completed', 'failed'])(
    'refuses any change to a %s referral (409 referral-closed)',
    (closed) => {
      for (const to of ReferralStatus.options) {
        expect(
          refusal(() => applyStatusChange({ status: closed, version: 5 }, wellFormed(to), receiver, at)).reason,
        ).toBe('referral-closed');
      }
    },
  );

  it('asks a reason code for rejected, cancelled, on-hold and failed, and refuses one elsewhere (422 /reasonCode)', () => {
    expect(
      refusal(() => applyStatusChange({ status: 'requested', version: 1 }, { status: 'rejected' }, receiver, at)),
    ).toEqual({ kind: 'validation', reason: 'invalid-document', pointers: ['/reasonCode'] });
    expect(
      refusal(() =>
        applyStatusChange(
          { status: 'requested', version: 1 },
          { status: 'accepted', reasonCode: 'other' },
          receiver,
          at,
        ),
      ).pointers,
    ).toEqual(['/reasonCode']);
  });

  it('asks feedback to complete, and takes it only then (422 /feedback)', () => {
    expect(
      refusal(() => applyStatusChange({ status: 'in-progress', version: 3 }, { status: 'completed' }, receiver, at))
        .pointers,
    ).toEqual(['/feedback']);
    expect(
      refusal(() =>
        applyStatusChange({ status: 'requested', version: 1 }, { status: 'accepted', feedback }, receiver, at),
      ).pointers,
    ).toEqual(['/feedback']);
    const done = applyStatusChange({ status: 'in-progress', version: 3 }, wellFormed('completed'), receiver, at);
    expect(done.feedback).toEqual(feedback);
  });

  it('lists the next statuses each side may choose', () => {
    expect(nextStatuses('requested', 'receiving').sort()).toEqual(['accepted', 'cancelled', 'rejected']);
    expect(nextStatuses('requested', 'referring')).toEqual(['cancelled']);
    expect(nextStatuses('completed', 'receiving')).toEqual([]);
  });
});

describe('referral lifecycle: state machine over random sequences (property)', () => {
  /** The table of the issue, written out independently of the implementation's. */
  const allowed: Record<string, Record<string, string[]>> = {
    requested: { accepted: ['receiving'], rejected: ['receiving'], cancelled: ['referring', 'receiving'] },
    accepted: {
      'in-progress': ['receiving'],
      'on-hold': ['receiving'],
      completed: ['receiving'],
      failed: ['receiving'],
      cancelled: ['referring', 'receiving'],
    },
    'in-progress': {
      'on-hold': ['receiving'],
      completed: ['receiving'],
      failed: ['receiving'],
      cancelled: ['referring', 'receiving'],
    },
    'on-hold': { 'in-progress': ['receiving'], cancelled: ['referring', 'receiving'] },
  };
  const attempt = fc.record({
    status: fc.constantFrom(...ReferralStatus.options),
    side: fc.constantFrom<'referring' | 'receiving'>('referring', 'receiving'),
    detailed: fc.boolean(),
    reasonCode: fc.constantFrom(...ReasonCode.options),
  });

  it('only allowed transitions succeed, every other is 409 or 422, and the history equals the accepted ones', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 25 }), (attempts) => {
        let state: { status: ReferralStatus; version: number } = { status: 'requested', version: 1 };
        const history: StatusEntry[] = [];
        const expected: string[] = [];
        for (const a of attempts) {
          const change = a.detailed
            ? { ...wellFormed(a.status), ...(wellFormed(a.status).reasonCode ? { reasonCode: a.reasonCode } : {}) }
            : { status: a.status };
          const actor = a.side === 'receiving' ? receiver : referrer;
          const legal = allowed[state.status]?.[a.status]?.includes(a.side) ?? false;
          const needsDetail = ['rejected', 'cancelled', 'on-hold', 'failed', 'completed'].includes(a.status);
          try {
            const entry = applyStatusChange(state, change, actor, at);
            expect(legal && (a.detailed || !needsDetail)).toBe(true);
            history.push(entry);
            expected.push(`${a.side}:${a.status}`);
            state = { status: entry.status, version: entry.version };
          } catch (error) {
            expect(error).toBeInstanceOf(RelaisError);
            const kind = (error as RelaisError).kind;
            expect(kind).toBe(legal ? 'validation' : 'conflict');
          }
        }
        expect(history.map((e) => `${e.side}:${e.status}`)).toEqual(expected);
        expect(history.map((e) => e.version)).toEqual(expected.map((_, i) => i + 2));
      }),
      { numRuns: 300 },
    );
  });
});
