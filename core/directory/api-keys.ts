import type { z } from 'zod';
import type { CreateApiKeyRequest } from '../../schemas/api/directory.ts';
import type { ApiKeyRecord } from '../../schemas/canonical/index.ts';
import type { Principal } from '../access/principal.ts';
import { ownScope } from '../access/scope.ts';
import { canSee, requireVisible } from '../access/visibility.ts';
import { newApiKey } from '../auth/api-key.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import { invalid } from '../errors/relais-error.ts';
import type { Clock, DirectoryAdmin } from '../ports.ts';

const withoutHash = ({ secretHash: _hash, ...view }: ApiKeyRecord) => view;

/**
 * Why each listed source cannot take pushes from this key. Another organisation's source reads as
 * unknown, like a missing one, so the answer never tells one organisation about another's sources.
 * A signing source only accepts its own signature, so a key for it could never push.
 */
async function sourceIssues(
  directory: DirectoryAdmin,
  admin: Principal,
  input: z.output<typeof CreateApiKeyRequest>,
): Promise<FieldIssue[]> {
  const sourceIds = input.sourceIds ?? [];
  if (input.roles.includes('source') && sourceIds.length === 0) {
    return [
      {
        pointer: '/sourceIds',
        code: 'required',
        message: {
          en: 'A key with the source role must list the sources it may push into',
          fr: 'Une clé avec le rôle source doit lister les sources dans lesquelles elle peut envoyer',
        },
      },
    ];
  }
  const issues: FieldIssue[] = [];
  for (const [index, sourceId] of sourceIds.entries()) {
    const source = await directory.getSource(sourceId);
    if (!source || !canSee(ownScope(admin), { kind: 'source', ownerOrganisationId: source.organisationId }, 'manage')) {
      issues.push({
        pointer: `/sourceIds/${index}`,
        code: 'unknown_source',
        message: { en: 'No such source in your organisation', fr: 'Aucune source de ce nom dans votre organisation' },
      });
    } else if (source.auth.method === 'standard-webhooks') {
      issues.push({
        pointer: `/sourceIds/${index}`,
        code: 'signing_source',
        message: {
          en: 'This source signs its webhooks: it cannot push with an API key',
          fr: 'Cette source signe ses webhooks : elle ne peut pas envoyer avec une clé d’API',
        },
      });
    }
  }
  return issues;
}

/**
 * Issues a key for the administrator's own organisation. The token is returned once and only its hash
 * is stored. A source-role key names the sources it may push into: api-key sources of the organisation.
 */
export async function createApiKey(
  directory: DirectoryAdmin,
  clock: Clock,
  admin: Principal,
  input: z.output<typeof CreateApiKeyRequest>,
) {
  const issues = await sourceIssues(directory, admin, input);
  if (issues.length > 0) throw invalid(issues);
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
  const key = requireVisible(ownScope(admin), 'key', await directory.getApiKey(keyId), 'manage');
  if (key.revokedAt) return;
  await directory.putApiKey({ ...key, revokedAt: clock.now().toISOString() });
}

export async function listApiKeys(directory: DirectoryAdmin, admin: Principal) {
  return { items: (await directory.listApiKeys(admin.organisationId)).map(withoutHash) };
}
