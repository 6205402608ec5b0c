import type { Principal } from '../../core/access/principal.ts';
import { assertMayPushInto } from '../../core/auth/source-access.ts';
import { RelaisError } from '../../core/errors/relais-error.ts';
import type { Source } from '../../schemas/canonical/index.ts';
import type { Container } from './container.ts';
import { authenticateRequest } from './credentials.ts';
import type { HttpEvent } from './http.ts';
import { hasSignatureHeaders, verifySignature } from './webhook-signature.ts';

/**
 * Who is pushing into this source? A signing source must sign (its secret is the credential); other
 * sources send an API key of the owning organisation. Either way the organisation is the source's,
 * proven by the credential, never taken from the path or body.
 */
export async function authenticateSource(
  container: Container,
  event: HttpEvent,
  sourceId: string,
  body: string,
): Promise<{ source: Source; principal: Principal }> {
  const source = await container.directory.getSource(sourceId);
  if (source?.auth.method === 'standard-webhooks') {
    verifySignature(event, body, await container.directory.getSigningSecrets(source.id));
    return {
      source,
      principal: {
        organisationId: source.organisationId,
        roles: ['source'],
        credential: { kind: 'signature', sourceId: source.id },
      },
    };
  }
  // A signed push to a source that does not exist: no secret to check it against, and it did send
  // credentials, so it gets what a push with a key gets.
  if (!source && hasSignatureHeaders(event)) throw new RelaisError('not-found', 'source-not-found');
  const principal = await authenticateRequest(container.directory, event);
  if (!source) throw new RelaisError('not-found', 'source-not-found');
  assertMayPushInto(principal, source);
  return { source, principal };
}
