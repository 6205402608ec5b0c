import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../core/access/principal.ts';
import { assertMayPushInto } from '../../../../core/auth/source-access.ts';
import type { Role, Source } from '../../../../schemas/canonical/index.ts';

const source: Source = {
  id: 'src_a-kobo',
  organisationId: 'org_alpha',
  name: 'Kobo',
  tool: 'kobotoolbox',
  auth: { method: 'api-key' },
  createdAt: '2026-01-01T00:00:00.000Z',
};
const key = (roles: Role[], o: { organisationId?: string; sourceIds?: string[] } = {}): Principal => ({
  organisationId: o.organisationId ?? 'org_alpha',
  roles,
  ...(o.sourceIds ? { sourceIds: o.sourceIds } : {}),
  credential: { kind: 'api-key', keyId: 'k' },
});
const refusal = (principal: Principal) => {
  try {
    assertMayPushInto(principal, source);
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('who may push into an api-key source', () => {
  it('a source key that lists it, and an admin key of the organisation', () => {
    expect(refusal(key(['source'], { sourceIds: ['src_a-other', 'src_a-kobo'] }))).toBeUndefined();
    expect(refusal(key(['admin']))).toBeUndefined();
  });

  it('not a source key that lists other sources, nor one that lists none (404, as if the source did not exist)', () => {
    for (const principal of [key(['source'], { sourceIds: ['src_a-other'] }), key(['source'])])
      expect(refusal(principal)).toMatchObject({ kind: 'not-found', reason: 'source-not-found' });
  });

  it("not another organisation's key, whatever its roles (404)", () => {
    for (const roles of [['admin'], ['source']] as Role[][])
      expect(refusal(key(roles, { organisationId: 'org_beta', sourceIds: ['src_a-kobo'] }))).toMatchObject({
        kind: 'not-found',
      });
  });

  it('not a reader key (403)', () => {
    expect(refusal(key(['reader']))).toMatchObject({ kind: 'forbidden', reason: 'role-required' });
  });
});
