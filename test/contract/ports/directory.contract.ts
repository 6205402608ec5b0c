import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DirectoryAdmin } from '../../../core/ports.ts';
import type { ApiKeyRecord, Source } from '../../../schemas/canonical/index.ts';

const CREATED_AT = '2026-01-01T00:00:00.000Z';

/** Every test uses its own organisations, so that one table can serve the whole suite. */
function fixtures() {
  const tag = randomUUID().slice(0, 8);
  const orgA = `org_c-${tag}-a`;
  const orgB = `org_c-${tag}-b`;
  const source = (name: string, organisationId = orgA): Source => ({
    id: `src_c-${tag}-${name}`,
    organisationId,
    name,
    tool: 'kobotoolbox',
    auth: { method: 'api-key' },
    createdAt: CREATED_AT,
  });
  const key = (name: string, organisationId = orgA): ApiKeyRecord => ({
    keyId: `${tag}${name}`.replace(/[^a-z0-9]/g, '').padEnd(8, '0'),
    organisationId,
    roles: ['reader'],
    secretHash: 'f'.repeat(64),
    createdAt: CREATED_AT,
  });
  return { orgA, orgB, source, key };
}

/** What authentication and the administration routes rely on from any directory. */
export function directoryContract(directory: () => DirectoryAdmin): void {
  it('creates an organisation once and never overwrites it', async () => {
    const { orgA } = fixtures();
    const d = directory();
    const org = { id: orgA, name: 'Alpha', kind: 'ngo', country: 'CD' } as const;
    expect(await d.createOrganisation(org)).toBe('created');
    expect(await d.createOrganisation({ ...org, name: 'Impostor' })).toBe('exists');
    expect(await d.getOrganisation(orgA)).toEqual(org);
    expect(await d.getOrganisation(`${orgA}-none`)).toBeUndefined();
  });

  it("creates a source once, and lists only its organisation's sources", async () => {
    const { orgB, source } = fixtures();
    const d = directory();
    const kobo = source('kobo');
    expect(await d.createSource(kobo)).toBe('created');
    expect(await d.createSource({ ...kobo, organisationId: orgB, name: 'taken over' })).toBe('exists');
    await d.createSource(source('app'));
    await d.createSource(source('theirs', orgB));
    expect(await d.getSource(kobo.id)).toEqual(kobo);
    expect((await d.listSources(kobo.organisationId)).map((s) => s.name).sort()).toEqual(['app', 'kobo']);
    expect((await d.listSources(orgB)).map((s) => s.name)).toEqual(['theirs']);
    expect(await d.getSource(`${kobo.id}-none`)).toBeUndefined();
  });

  it('replaces a key whole (revocation), and lists keys per organisation', async () => {
    const { orgA, orgB, key } = fixtures();
    const d = directory();
    const reader = key('reader');
    await d.putApiKey(reader);
    await d.putApiKey(key('theirs', orgB));
    await d.putApiKey({ ...reader, revokedAt: '2026-02-01T00:00:00.000Z' });
    expect(await d.getApiKey(reader.keyId)).toEqual({ ...reader, revokedAt: '2026-02-01T00:00:00.000Z' });
    expect((await d.listApiKeys(orgA)).map((k) => k.keyId)).toEqual([reader.keyId]);
    expect((await d.listApiKeys(orgB)).map((k) => k.organisationId)).toEqual([orgB]);
    expect(await d.getApiKey('0000000000000000')).toBeUndefined();
  });

  it("keeps each source's signing secrets apart: add, list without the secret, remove", async () => {
    const { source } = fixtures();
    const d = directory();
    const [one, two] = [source('one'), source('two')];
    await d.addSigningSecret(one.id, 's1', 'whsec_first', '2026-01-01T00:00:00.000Z');
    await d.addSigningSecret(one.id, 's2', 'whsec_second', '2026-01-02T00:00:00.000Z');
    await d.addSigningSecret(two.id, 's1', 'whsec_other', '2026-01-01T00:00:00.000Z');
    expect((await d.getSigningSecrets(one.id)).sort()).toEqual(['whsec_first', 'whsec_second']);
    const listed = await d.listSigningSecrets(one.id);
    expect(listed.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 's1', createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 's2', createdAt: '2026-01-02T00:00:00.000Z' },
    ]);
    await d.removeSigningSecret(one.id, 's1');
    expect(await d.getSigningSecrets(one.id)).toEqual(['whsec_second']);
    expect(await d.getSigningSecrets(two.id)).toEqual(['whsec_other']);
    expect(await d.getSigningSecrets(source('none').id)).toEqual([]);
  });
}
