import type { Principal } from '../../core/access/principal.ts';
import { authenticateApiKey } from '../../core/auth/api-key.ts';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { Directory } from '../../core/ports.ts';
import { header, type HttpEvent } from './http.ts';

/**
 * An API key may arrive three ways, because partner tools differ: `Authorization: Bearer <key>`,
 * `X-Api-Key: <key>`, or basic auth with the key id as user name and the full key as password (the one
 * form KoboToolbox's REST services and CommCare's data forwarding can send).
 */
export function apiKeyFrom(event: HttpEvent): string | undefined {
  const explicit = header(event, 'x-api-key');
  if (explicit) return explicit.trim();
  const authorization = header(event, 'authorization');
  if (!authorization) return undefined;
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

export async function authenticateRequest(directory: Directory, event: HttpEvent): Promise<Principal> {
  const key = apiKeyFrom(event);
  if (!key) throw new RelaisError('unauthenticated', 'credentials-missing');
  return authenticateApiKey(directory, key);
}
