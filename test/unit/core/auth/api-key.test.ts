import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../../../adapters/memory/directory.ts';
import { authenticateApiKey, newApiKey, requireRole } from '../../../../core/auth/api-key.ts';
import type { Role } from '../../../../schemas/canonical/index.ts';

async function directoryWith(roles: Role[], extra: { sourceIds?: string[]; revokedAt?: string } = {}) {
  const directory = new MemoryDirectory();
  const key = newApiKey();
  await directory.putApiKey({
    keyId: key.keyId,
    organisationId: 'org_alpha',
    roles,
    secretHash: key.secretHash,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  });
  return { directory, key };
}

describe('API keys', () => {
  it('are rlk_<id>_<secret>, with only a SHA-256 of the secret to store', () => {
    const key = newApiKey();
    expect(key.token).toBe(`rlk_${key.keyId}_${key.secret}`);
    expect(key.secretHash).toMatch(/^[a-f0-9]{64}$/);
    expect(key.secretHash).not.toContain(key.secret);
    expect(newApiKey().keyId).not.toBe(key.keyId);
  });

  it("authenticate as the key's organisation, roles and sources, naming the key id for the audit", async () => {
    const { directory, key } = await directoryWith(['source'], { sourceIds: ['src_a-kobo'] });
    expect(await authenticateApiKey(directory, key.token)).toEqual({
      organisationId: 'org_alpha',
      roles: ['source'],
      sourceIds: ['src_a-kobo'],
      credential: { kind: 'api-key', keyId: key.keyId },
    });
  });

  it('refuse a malformed token, an unknown key, a wrong secret and a revoked key alike (401)', async () => {
    const { directory, key } = await directoryWith(['reader']);
    const revoked = await directoryWith(['reader'], { revokedAt: '2026-02-01T00:00:00.000Z' });
    const wrongSecret = `rlk_${key.keyId}_${newApiKey().secret}`;
    const unknown = newApiKey().token;
    for (const [dir, token] of [
      [directory, 'rlk_short'],
      [directory, wrongSecret],
      [directory, unknown],
      [revoked.directory, revoked.key.token],
    ] as const) {
      await expect(authenticateApiKey(dir, token)).rejects.toMatchObject({
        kind: 'unauthenticated',
        reason: 'credentials-invalid',
      });
    }
  });

  it('require one of the roles a route accepts (403 otherwise)', () => {
    const principal = {
      organisationId: 'org_alpha',
      roles: ['reader'] as Role[],
      credential: { kind: 'api-key', keyId: 'k' } as const,
    };
    expect(() => requireRole(principal, ['reader', 'admin'])).not.toThrow();
    expect(() => requireRole(principal, ['admin'])).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});
