import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CreateSourceRequest } from '../../schemas/api/directory.ts';
import type { Source } from '../../schemas/canonical/index.ts';
import type { Principal } from '../access/principal.ts';
import { ownScope } from '../access/scope.ts';
import { requireVisible } from '../access/visibility.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Clock, DirectoryAdmin } from '../ports.ts';

const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
/**
 * Source ids are global (the push route is /v1/sources/{sourceId}/records, with no organisation in it),
 * so Relais draws them: an id chosen by an administrator could collide with another organisation's,
 * and the refusal would tell that the other id exists.
 */
export const newSourceId = () => `src_${randomBytes(8).toString('hex')}`;

/** 64 random bits make a collision all but impossible; a retry costs nothing if one ever happens. */
const CREATE_ATTEMPTS = 3;

/** A source belongs to the administrator's organisation; a signing source gets its first secret now. */
export async function createSource(
  directory: DirectoryAdmin,
  clock: Clock,
  admin: Principal,
  input: z.output<typeof CreateSourceRequest>,
) {
  const now = clock.now().toISOString();
  let source: Source | undefined;
  for (let attempt = 1; !source; attempt++) {
    const candidate: Source = {
      id: newSourceId(),
      organisationId: admin.organisationId,
      name: input.name,
      tool: input.tool,
      auth: input.auth,
      createdAt: now,
    };
    if ((await directory.createSource(candidate)) === 'created') source = candidate;
    else if (attempt >= CREATE_ATTEMPTS) throw new RelaisError('conflict', 'already-exists');
  }
  if (source.auth.method !== 'standard-webhooks') return { source };
  const signingSecret = { id: newId('s'), secret: newSigningSecret(), createdAt: now };
  await directory.addSigningSecret(source.id, signingSecret.id, signingSecret.secret, now);
  return { source, signingSecret };
}

/** Looks a source up for its organisation's administrator; anyone else's is "not found". */
export async function ownSource(directory: DirectoryAdmin, admin: Principal, sourceId: string): Promise<Source> {
  return requireVisible(ownScope(admin), 'source', await directory.getSource(sourceId), 'manage');
}

/** Rotation, step 1: add a secret. Both verify until the old one is removed. */
export async function addSecret(directory: DirectoryAdmin, clock: Clock, admin: Principal, sourceId: string) {
  const source = await ownSource(directory, admin, sourceId);
  if (source.auth.method !== 'standard-webhooks') throw new RelaisError('conflict', 'source-not-signing');
  const created = { id: newId('s'), secret: newSigningSecret(), createdAt: clock.now().toISOString() };
  await directory.addSigningSecret(source.id, created.id, created.secret, created.createdAt);
  return created;
}

/** Rotation, step 2: remove the old secret. The last one stays, or the source could no longer push. */
export async function removeSecret(
  directory: DirectoryAdmin,
  admin: Principal,
  sourceId: string,
  secretId: string,
): Promise<void> {
  const source = await ownSource(directory, admin, sourceId);
  const secrets = await directory.listSigningSecrets(source.id);
  if (!secrets.some((s) => s.id === secretId)) throw new RelaisError('not-found', 'secret-not-found');
  if (secrets.length === 1) throw new RelaisError('conflict', 'last-secret');
  await directory.removeSigningSecret(source.id, secretId);
}
