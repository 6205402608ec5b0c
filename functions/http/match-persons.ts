import { matchForOrganisation } from '../../core/persons/scoped-registry.ts';
import { MatchRequest } from '../../schemas/api/persons.ts';
import { json, parseJsonBodyAs } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('matchPersons', async ({ event, container, principal }) => {
  const { person, limit } = parseJsonBodyAs(event, MatchRequest);
  const result = await matchForOrganisation(
    { ...container.registry, limiter: container.limiter },
    principal!,
    person,
    limit,
  );
  // A search of the registry is a cross-organisation read: audited, by who and how much, never by what.
  container.logger.info('audit', {
    audit: 'registry-search',
    organisationId: principal!.organisationId,
    credential: principal!.credential,
    candidates: result.candidates.length,
  });
  return json(200, result);
});
