import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../../../adapters/memory/directory.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import { addSecret, createSource, ownSource, removeSecret } from '../../../../core/directory/sources.ts';

const clock = { now: () => new Date('2026-03-01T08:00:00Z') };
const admin = (organisationId = 'org_alpha'): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: 'admin01' },
});
const signing = { name: 'Case app', tool: 'canonical', auth: { method: 'standard-webhooks' } } as const;
const keyed = { name: 'Kobo', tool: 'kobotoolbox', auth: { method: 'api-key' } } as const;

describe('sources', () => {
  it("are created in the administrator's organisation under an id Relais draws", async () => {
    const directory = new MemoryDirectory();
    const { source, signingSecret } = await createSource(directory, clock, admin(), keyed);
    expect(source).toEqual({
      id: expect.stringMatching(/^src_[0-9a-f]{16}$/),
      organisationId: 'org_alpha',
      ...keyed,
      createdAt: '2026-03-01T08:00:00.000Z',
    });
    expect(signingSecret).toBeUndefined();
    expect(await directory.getSource(source.id)).toEqual(source);
    expect((await createSource(directory, clock, admin(), keyed)).source.id).not.toBe(source.id);
  });

  it('draw another id when the first is taken, so a collision never overwrites a source', async () => {
    const directory = new MemoryDirectory();
    const answers: Array<'created' | 'exists'> = ['exists', 'created'];
    const create = directory.createSource.bind(directory);
    const tried: string[] = [];
    directory.createSource = async (s) => {
      tried.push(s.id);
      return answers.shift() === 'exists' ? 'exists' : create(s);
    };
    const { source } = await createSource(directory, clock, admin(), keyed);
    expect(tried).toHaveLength(2);
    expect(source.id).toBe(tried[1]);
  });

  it('give a signing source its first secret, shown once and stored for verification', async () => {
    const directory = new MemoryDirectory();
    const { source, signingSecret } = await createSource(directory, clock, admin(), signing);
    expect(signingSecret?.secret).toMatch(/^whsec_/);
    expect(await directory.getSigningSecrets(source.id)).toEqual([signingSecret!.secret]);
  });

  it("are another organisation's business: not found for its administrator", async () => {
    const directory = new MemoryDirectory();
    const { source } = await createSource(directory, clock, admin(), signing);
    expect(await ownSource(directory, admin(), source.id)).toEqual(source);
    for (const attempt of [
      ownSource(directory, admin('org_beta'), source.id),
      addSecret(directory, clock, admin('org_beta'), source.id),
      removeSecret(directory, admin('org_beta'), source.id, 'whatever'),
    ])
      await expect(attempt).rejects.toMatchObject({ kind: 'not-found', reason: 'source-not-found' });
  });
});

describe('signing secret rotation', () => {
  it('adds a second secret, removes the old one, and keeps the last', async () => {
    const directory = new MemoryDirectory();
    const { source, signingSecret } = await createSource(directory, clock, admin(), signing);
    const fresh = await addSecret(directory, clock, admin(), source.id);
    expect((await directory.getSigningSecrets(source.id)).sort()).toEqual([signingSecret!.secret, fresh.secret].sort());
    await removeSecret(directory, admin(), source.id, signingSecret!.id);
    expect(await directory.getSigningSecrets(source.id)).toEqual([fresh.secret]);
    await expect(removeSecret(directory, admin(), source.id, fresh.id)).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'last-secret',
    });
    await expect(removeSecret(directory, admin(), source.id, 'gone')).rejects.toMatchObject({
      reason: 'secret-not-found',
    });
  });

  it('is refused for a source that does not sign (409)', async () => {
    const directory = new MemoryDirectory();
    const { source } = await createSource(directory, clock, admin(), keyed);
    await expect(addSecret(directory, clock, admin(), source.id)).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'source-not-signing',
    });
  });
});
