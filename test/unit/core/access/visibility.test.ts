import { describe, expect, it } from 'vitest';
import { Grant, type Scope, ownScope } from '../../../../core/access/scope.ts';
import {
  type FindableKind,
  type Resource,
  canSee,
  requireVisible,
  requireVisiblePerson,
  visibleMembers,
} from '../../../../core/access/visibility.ts';

const NEEMA = 'per_aaaaaaaaaaaaaaaaaaaaaaaaaa';
const FURAHA = 'per_bbbbbbbbbbbbbbbbbbbbbbbbbb';
const alpha = ownScope({ organisationId: 'org_alpha' });
const referralTo = (organisationId: string, o: Partial<Grant> = {}): Grant =>
  Grant.parse({
    kind: 'referral',
    referralId: 'ref_1',
    personId: NEEMA,
    organisationId,
    view: 'referral-minimised',
    from: '2026-03-01T10:00:00.000Z',
    ...o,
  });
/** Beta, to whom alpha referred Neema: its scope holds that referral's grant. */
const beta: Scope = { organisationId: 'org_beta', grants: [referralTo('org_beta')] };
const neema = {
  id: NEEMA,
  members: [
    { recordId: 'rec_a1', organisationId: 'org_alpha' },
    { recordId: 'rec_a2', organisationId: 'org_alpha' },
    { recordId: 'rec_c1', organisationId: 'org_gamma' },
  ],
};
const referralView = (o: Partial<Resource> = {}): Resource => ({
  kind: 'referral-minimised',
  ownerOrganisationId: 'org_alpha',
  personId: NEEMA,
  referralId: 'ref_1',
  ...o,
});
const thrown = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (error) {
    return error;
  }
};
const KINDS: Array<[FindableKind, string]> = [
  ['record', 'record-not-found'],
  ['source', 'source-not-found'],
  ['key', 'key-not-found'],
  ['person', 'person-not-found'],
  ['review', 'review-not-found'],
];

describe('an organisation sees what it owns', () => {
  it('its records, sources, keys, persons, reviews and decisions, to read and to manage', () => {
    for (const kind of [...KINDS.map(([k]) => k), 'decision'] as const)
      for (const purpose of ['read', 'manage'] as const)
        expect(canSee(alpha, { kind, ownerOrganisationId: 'org_alpha' }, purpose)).toBe(true);
  });

  it("never another organisation's, nor what nobody is known to own", () => {
    for (const kind of [...KINDS.map(([k]) => k), 'decision'] as const) {
      expect(canSee(alpha, { kind, ownerOrganisationId: 'org_beta' })).toBe(false);
      expect(canSee(alpha, { kind, ownerOrganisationId: undefined })).toBe(false);
    }
  });
});

describe('what is hidden reads exactly like what does not exist', () => {
  it('requireVisible hands back what the scope may see', () => {
    const key = { keyId: 'k1', organisationId: 'org_alpha' };
    expect(requireVisible(alpha, 'key', key, 'manage')).toBe(key);
  });

  it.each(KINDS)("a missing %s and another organisation's answer the same 404 (%s)", (kind, reason) => {
    const missing = thrown(() => requireVisible(alpha, kind, undefined));
    const foreign = thrown(() => requireVisible(alpha, kind, { organisationId: 'org_beta' }));
    expect(missing).toMatchObject({ kind: 'not-found', reason, issues: [] });
    expect(foreign).toEqual(missing);
  });
});

describe('the records of a registry person', () => {
  it('an organisation sees only the records it holds', () => {
    expect(visibleMembers(alpha, neema).map((m) => m.recordId)).toEqual(['rec_a1', 'rec_a2']);
    expect(visibleMembers(ownScope({ organisationId: 'org_gamma' }), neema).map((m) => m.recordId)).toEqual(['rec_c1']);
  });

  it('a person is reachable only through one of them: otherwise person-not-found, as if missing', () => {
    expect(requireVisiblePerson(alpha, neema)).toBe(neema);
    const delta = ownScope({ organisationId: 'org_delta' });
    expect(thrown(() => requireVisiblePerson(delta, neema))).toMatchObject({ reason: 'person-not-found' });
    expect(thrown(() => requireVisiblePerson(delta, undefined))).toEqual(
      thrown(() => requireVisiblePerson(delta, neema)),
    );
  });
});

describe('a referral grant in force', () => {
  it('opens the minimised referral view of its child, for its referral, to the receiving organisation', () => {
    expect(canSee(beta, referralView())).toBe(true);
  });

  it('only to read: never to change anything', () => {
    expect(canSee(beta, referralView(), 'manage')).toBe(false);
  });

  it('never another child, nor another referral of the same child', () => {
    expect(canSee(beta, referralView({ personId: FURAHA }))).toBe(false);
    expect(canSee(beta, referralView({ referralId: 'ref_2' }))).toBe(false);
    expect(canSee(beta, referralView({ referralId: undefined }))).toBe(false);
  });

  it("never the child's records, person, history or reviews: it widens nothing beyond its view", () => {
    for (const kind of [...KINDS.map(([k]) => k), 'decision'] as const)
      expect(canSee(beta, { kind, ownerOrganisationId: 'org_alpha', personId: NEEMA, referralId: 'ref_1' })).toBe(
        false,
      );
    expect(visibleMembers(beta, neema)).toEqual([]);
    expect(thrown(() => requireVisiblePerson(beta, neema))).toMatchObject({ reason: 'person-not-found' });
  });

  it('opens nothing to an organisation it was not made to, even if it found its way into that scope', () => {
    const gamma: Scope = { organisationId: 'org_gamma', grants: [referralTo('org_beta')] };
    expect(canSee(gamma, referralView())).toBe(false);
  });

  it('a hidden referral view answers as a child the caller cannot see (person-not-found)', () => {
    const delta = ownScope({ organisationId: 'org_delta' });
    expect(thrown(() => requireVisible(delta, 'referral-minimised', { organisationId: 'org_alpha' }))).toMatchObject({
      kind: 'not-found',
      reason: 'person-not-found',
    });
  });
});
