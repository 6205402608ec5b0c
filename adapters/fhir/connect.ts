import type { Resolver } from '../../core/delivery/ports.ts';
import type { FhirEndpointClient } from '../../core/fhir/ports.ts';
import type { Clock } from '../../core/ports.ts';
import type { FhirEndpoint } from '../../schemas/api/fhir-endpoint.ts';
import { createFhirClient } from './client.ts';
import type { FhirAuth } from './token.ts';

/** The auth of a stored endpoint, with its stored secret: a bearer token, or the client secret. */
export function authOf(endpoint: FhirEndpoint, secret: string | undefined): FhirAuth {
  const { auth } = endpoint;
  if (auth.kind === 'none') return { kind: 'none' };
  if (!secret) throw new Error(`the FHIR endpoint of ${endpoint.organisationId} has no secret stored`);
  if (auth.kind === 'bearer') return { kind: 'bearer', token: secret };
  return { ...auth, clientSecret: secret };
}

/**
 * One client per endpoint configuration, kept while it is unchanged: a client-credentials token then serves
 * every push until it expires, instead of one token request per push.
 */
export function fhirConnector(rules: { resolver: Resolver; allowHttpLoopback: boolean; clock: Clock }) {
  const clients = new Map<string, { client: FhirEndpointClient }>();
  return (endpoint: FhirEndpoint, secret: string | undefined): FhirEndpointClient => {
    const key = JSON.stringify([endpoint, secret]);
    let found = clients.get(key);
    if (!found) {
      found = { client: createFhirClient({ ...rules, baseUrl: endpoint.baseUrl, auth: authOf(endpoint, secret) }) };
      clients.set(key, found);
      if (clients.size > 100) clients.delete(clients.keys().next().value!);
    }
    return found.client;
  };
}
