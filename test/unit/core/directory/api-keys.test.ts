import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../../../adapters/memory/directory.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import { authenticateApiKey } from '../../../../core/auth/api-key.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../../core/directory/api-keys.ts';
import { createSource } from '../../../../core/directory/sources.ts';

const clock = { now: () => new Date('2026-03-01T08:00:00Z') };
const admin = (organisationId = 'org_alpha'): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: 'admin01' },
});

async function setup() {
  const directory = new MemoryDirectory();
  const source = (organisationId: string, method: 'api-key' | 'standard-webhooks') =>
    createSource(directory, clock, admin(organisationId), { name: 'x', tool: 'canonical', auth: { method } }).then(
      (c) => c.source.id,
    );
  return {
    directory,
    keyed: await source('org_alpha', 'api-key'),
    signing: await source('org_alpha', 'standard-webhooks'),
    theirs: await source('org_beta', 'api-key'),
  };
}

const issues = (promise: Promise<unknown>) =>
  promise.then(
    () => [],
    (e: { issues: Array<{ pointer: string; code: string }> }) => e.issues.map((i) => [i.pointer, i.code]),
  );

describe('issuing API keys', () => {
  it("gives a token once that authenticates as the organisation, and stores no secret's text", async () => {
    const { directory, keyed } = await setup();
    const { key, token } = await createApiKey(directory, clock, admin(), {
      roles: ['source'],
      sourceIds: [keyed],
      label: 'Kobo REST service',
    });
    expect(key).not.toHaveProperty('secretHash');
    expect(key).toMatchObject({
      organisationId: 'org_alpha',
      sourceIds: [keyed],
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(await authenticateApiKey(directory, token)).toMatchObject({
      organisationId: 'org_alpha',
      sourceIds: [keyed],
    });
    // The secret may itself hold '_' (base64url): everything after the key id is the secret.
    const secret = token.split('_').slice(2).join('_');
    expect(JSON.stringify(await directory.getApiKey(key.keyId))).not.toContain(secret);
  });

  it('requires a source key to list its sources: api-key sources of the organisation, every problem pointed at', async () => {
    const { directory, keyed, signing, theirs } = await setup();
    expect(await issues(createApiKey(directory, clock, admin(), { roles: ['source'] }))).toEqual([
      ['/sourceIds', 'required'],
    ]);
    expect(
      await issues(
        createApiKey(directory, clock, admin(), {
          roles: ['source'],
          sourceIds: [keyed, signing, theirs, 'src_nowhere'],
        }),
      ),
    ).toEqual([
      ['/sourceIds/1', 'signing_source'],
      ['/sourceIds/2', 'unknown_source'],
      ['/sourceIds/3', 'unknown_source'],
    ]);
    expect(await directory.listApiKeys('org_alpha')).toEqual([]);
  });

  it('needs no sources for reader and admin keys', async () => {
    const { directory } = await setup();
    expect((await createApiKey(directory, clock, admin(), { roles: ['reader', 'admin'] })).key).not.toHaveProperty(
      'sourceIds',
    );
  });
});

describe('listing and revoking API keys', () => {
  it("lists the organisation's keys without hashes, and revokes at once, idempotently", async () => {
    const { directory } = await setup();
    const { key, token } = await createApiKey(directory, clock, admin(), { roles: ['reader'] });
    await createApiKey(directory, clock, admin('org_beta'), { roles: ['reader'] });
    const listed = await listApiKeys(directory, admin());
    expect(listed.items.map((k) => k.keyId)).toEqual([key.keyId]);
    expect(JSON.stringify(listed)).not.toContain('secretHash');

    await revokeApiKey(directory, clock, admin(), key.keyId);
    const revokedAt = (await directory.getApiKey(key.keyId))?.revokedAt;
    expect(revokedAt).toBe('2026-03-01T08:00:00.000Z');
    await revokeApiKey(directory, { now: () => new Date('2026-04-01T00:00:00Z') }, admin(), key.keyId);
    expect((await directory.getApiKey(key.keyId))?.revokedAt).toBe(revokedAt);
    await expect(authenticateApiKey(directory, token)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it("answers not found for another organisation's key, and leaves it alone", async () => {
    const { directory } = await setup();
    const { key } = await createApiKey(directory, clock, admin('org_beta'), { roles: ['reader'] });
    await expect(revokeApiKey(directory, clock, admin(), key.keyId)).rejects.toMatchObject({
      kind: 'not-found',
      reason: 'key-not-found',
    });
    expect((await directory.getApiKey(key.keyId))?.revokedAt).toBeUndefined();
  });
});
