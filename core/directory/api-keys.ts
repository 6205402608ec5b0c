import type { z } from 'zod';
import type { CreateApiKeyRequest } from '../../schemas/api/directory.ts';
import type { ApiKeyRecord } from '../../schemas/canonical/index.ts';
import { type Principal, newApiKey } from '../auth/api-key.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Clock, DirectoryAdmin } from '../ports.ts';

export const withoutHash = ({ secretHash: _hash, ...view }: ApiKeyRecord) => view;

/**
 * Issues a key for the administrator's own organisation. The token is returned once and only its hash
 * is stored. Sources a key is restricted to must be the organisation's own.
 */
export async function createApiKey(
  directory: DirectoryAdmin,
  clock: Clock,
  admin: Principal,
  input: z.output<typeof CreateApiKeyRequest>,
) {
  for (const [index, sourceId] of (input.sourceIds ?? []).entries()) {
    const source = await directory.getSource(sourceId);
    if (!source || source.organisationId !== admin.organisationId) {
      throw new RelaisError('validation', 'invalid-document', [
        {
          pointer: `/sourceIds/${index}`,
          code: 'unknown_source',
          message: { en: 'No such source in your organisation', fr: 'Aucune source de ce nom dans votre organisation' },
        },
      ]);
    }
  }
  const generated = newApiKey();
  const key: ApiKeyRecord = {
    keyId: generated.keyId,
    organisationId: admin.organisationId,
    roles: input.roles,
    ...(input.sourceIds ? { sourceIds: input.sourceIds } : {}),
    secretHash: generated.secretHash,
    ...(input.label ? { label: input.label } : {}),
    createdAt: clock.now().toISOString(),
  };
  await directory.putApiKey(key);
  return { key: withoutHash(key), token: generated.token };
}

export async function revokeApiKey(
  directory: DirectoryAdmin,
  clock: Clock,
  admin: Principal,
  keyId: string,
): Promise<void> {
  const key = await directory.getApiKey(keyId);
  if (!key || key.organisationId !== admin.organisationId) throw new RelaisError('not-found', 'key-not-found');
  if (key.revokedAt) return;
  await directory.putApiKey({ ...key, revokedAt: clock.now().toISOString() });
}

export async function listApiKeys(directory: DirectoryAdmin, admin: Principal) {
  return { items: (await directory.listApiKeys(admin.organisationId)).map(withoutHash) };
}
