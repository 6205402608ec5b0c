import { RelaisError } from '../../core/errors/relais-error.ts';
import { json } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getSession', async ({ container, principal }) => {
  const organisation = await container.directory.getOrganisation(principal!.organisationId);
  // A key whose organisation is gone is no key: the same answer as an unknown key.
  if (!organisation || principal!.credential.kind !== 'api-key')
    throw new RelaisError('unauthenticated', 'credentials-invalid');
  return json(200, {
    organisation,
    roles: [...principal!.roles],
    keyId: principal!.credential.keyId,
    ...(principal!.sourceIds ? { sourceIds: [...principal!.sourceIds] } : {}),
  });
});
