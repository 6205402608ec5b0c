import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../schemas/canonical/index.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Directory } from '../ports.ts';
import type { Principal } from '../access/principal.ts';

/**
 * API keys look like `rlk_<keyId>_<secret>`. Only a SHA-256 of the secret is stored: the secret is 32
 * random bytes, so a fast hash is enough (no password stretching is needed for high-entropy secrets).
 */
const KEY_PATTERN = /^rlk_([a-z0-9]{8,40})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function newApiKey(): { keyId: string; secret: string; token: string; secretHash: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, token: `rlk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export async function authenticateApiKey(directory: Directory, token: string): Promise<Principal> {
  const match = KEY_PATTERN.exec(token);
  if (!match) throw new RelaisError('unauthenticated', 'credentials-invalid');
  const [, keyId = '', secret = ''] = match;
  const key = await directory.getApiKey(keyId);
  const expected = Buffer.from(key?.secretHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  // Compare even when the key is unknown, so timing does not reveal which key ids exist.
  const equal = timingSafeEqual(expected, actual);
  if (!key || !equal || key.revokedAt) throw new RelaisError('unauthenticated', 'credentials-invalid');
  return {
    organisationId: key.organisationId,
    roles: key.roles,
    ...(key.sourceIds ? { sourceIds: key.sourceIds } : {}),
    credential: { kind: 'api-key', keyId },
  };
}

export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!principal.roles.some((role) => roles.includes(role))) throw new RelaisError('forbidden', 'role-required');
}
