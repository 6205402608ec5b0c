import { describe, expect, it } from 'vitest';
import { Grant, type GrantSource, inForce, noGrants, ownScope, scopeAt } from '../../../../core/access/scope.ts';

const NEEMA = 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa';
const at = (iso: string) => new Date(iso);
const referral = (o: Partial<Grant> = {}): Grant =>
  Grant.parse({
    kind: 'referral',
    referralId: 'ref_1',
    personId: NEEMA,
    organisationId: 'org_beta',
    view: 'referral-minimised',
    from: '2026-03-01T10:00:00.000Z',
    ...o,
  });
/** A careless source that answers every grant of the child, whoever asks: the scope must still sort them. */
const sourceOf = (grants: Grant[]): GrantSource => ({
  grantsFor: async (_organisationId, personId) => grants.filter((g) => g.personId === personId),
});

describe('when a referral grant is in force', () => {
  it('from the moment the referral is requested (`from`, inclusive), not before', () => {
    expect(inForce(referral(), at('2026-03-01T09:59:59.999Z'))).toBe(false);
    expect(inForce(referral(), at('2026-03-01T10:00:00.000Z'))).toBe(true);
  });

  it('with no end, for as long as the referral stays open', () => {
    expect(inForce(referral(), at('2036-03-01T10:00:00.000Z'))).toBe(true);
  });

  it('until it expires (`until`, exclusive)', () => {
    const grant = referral({ until: '2026-04-01T00:00:00.000Z' });
    expect(inForce(grant, at('2026-03-31T23:59:59.999Z'))).toBe(true);
    expect(inForce(grant, at('2026-04-01T00:00:00.000Z'))).toBe(false);
  });

  it('until it is closed, revoked or rejected (`endedAt`, exclusive), even before it would expire', () => {
    const grant = referral({ until: '2026-04-01T00:00:00.000Z', endedAt: '2026-03-02T00:00:00.000Z' });
    expect(inForce(grant, at('2026-03-01T23:59:59.999Z'))).toBe(true);
    expect(inForce(grant, at('2026-03-02T00:00:00.000Z'))).toBe(false);
    expect(inForce(grant, at('2026-03-15T00:00:00.000Z'))).toBe(false);
  });
});

describe('what a grant is', () => {
  it('a referral grant opens only the minimised referral view: no other view can be written down', () => {
    for (const view of ['record', 'person', 'full', 'referral'])
      expect(Grant.safeParse({ ...referral(), view }).success).toBe(false);
  });

  it('names its referral, its grantee and its start (its child once matched); nothing else may be added', () => {
    const { personId: _person, ...unmatched } = referral();
    expect(Grant.safeParse(unmatched).success).toBe(true);
    for (const key of ['referralId', 'organisationId', 'from'] as const) {
      const { [key]: _left, ...incomplete } = referral();
      expect(Grant.safeParse(incomplete).success).toBe(false);
    }
    expect(Grant.safeParse({ ...referral(), recordIds: ['rec_x'] }).success).toBe(false);
  });
});

describe('the scope of a caller', () => {
  it('is its own organisation, with no grant, when nothing grants anything (as today)', async () => {
    expect(ownScope({ organisationId: 'org_alpha' })).toEqual({ organisationId: 'org_alpha', grants: [] });
    expect(await noGrants.grantsFor('org_alpha', NEEMA)).toEqual([]);
    expect(await scopeAt({ organisationId: 'org_alpha' }, noGrants, NEEMA, at('2026-03-01T12:00:00Z'))).toEqual(
      ownScope({ organisationId: 'org_alpha' }),
    );
  });

  it('holds the grants made to its organisation that are in force at the instant, and only those', async () => {
    const open = referral({ referralId: 'ref_open' });
    const ended = referral({ referralId: 'ref_ended', endedAt: '2026-03-01T11:00:00.000Z' });
    const expired = referral({ referralId: 'ref_expired', until: '2026-03-01T11:00:00.000Z' });
    const future = referral({ referralId: 'ref_future', from: '2026-03-02T00:00:00.000Z' });
    const toSomeoneElse = referral({ referralId: 'ref_gamma', organisationId: 'org_gamma' });
    const scope = await scopeAt(
      { organisationId: 'org_beta' },
      sourceOf([open, ended, expired, future, toSomeoneElse]),
      NEEMA,
      at('2026-03-01T12:00:00.000Z'),
    );
    expect(scope).toEqual({ organisationId: 'org_beta', grants: [open] });
  });
});
