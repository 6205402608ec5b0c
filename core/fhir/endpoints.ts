import type { Principal } from '../access/principal.ts';
import { vetOutboundUrl } from '../delivery/outbound-url.ts';
import type { Resolver } from '../delivery/ports.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { Clock } from '../ports.ts';
import type { FhirEndpoint, FhirEndpointRequest } from '../../schemas/api/fhir-endpoint.ts';
import type { FhirPullCursor } from '../../schemas/fhir/sync.ts';

/**
 * Each organisation's FHIR endpoint with its secret (the bearer token or the client secret), and where its
 * pulls stand, one cursor per resource type. Beside the delivery channel (core/delivery/channels.ts) and
 * kept the same way: a FHIR server is where an organisation's own system lives, not a way of hearing of
 * events, so it is no channel kind; an organisation may have both a webhook and a FHIR server.
 */
export interface FhirEndpointStore {
  get(organisationId: string): Promise<{ endpoint: FhirEndpoint; secret?: string } | undefined>;
  put(endpoint: FhirEndpoint, secret?: string): Promise<void>;
  getCursor(organisationId: string, resourceType: string): Promise<FhirPullCursor | undefined>;
  /** Moves the cursor only forward of `expected` (the one the pull started from): `conflict` if another moved it. */
  putCursor(
    organisationId: string,
    cursor: FhirPullCursor,
    expected: FhirPullCursor | undefined,
  ): Promise<'ok' | 'conflict'>;
}

export interface FhirEndpointDeps {
  endpoints: FhirEndpointStore;
  resolver: Resolver;
  clock: Clock;
  allowHttpLoopback: boolean;
}

/**
 * Sets the caller's FHIR endpoint. Its base URL, and the token URL of client credentials, are vetted now as
 * a webhook URL is (https, public addresses after DNS resolution) and again before every request.
 */
export async function configureFhirEndpoint(
  deps: FhirEndpointDeps,
  admin: Principal,
  request: FhirEndpointRequest,
): Promise<{ endpoint: FhirEndpoint }> {
  const checks = [
    vetOutboundUrl(request.baseUrl, deps.resolver, { allowHttpLoopback: deps.allowHttpLoopback, pointer: '/baseUrl' }),
  ];
  if (request.auth.kind === 'client-credentials') {
    checks.push(
      vetOutboundUrl(request.auth.tokenUrl, deps.resolver, {
        allowHttpLoopback: deps.allowHttpLoopback,
        pointer: '/auth/tokenUrl',
      }),
    );
  }
  const issues: FieldIssue[] = (await Promise.all(checks)).flatMap((c) => (c.ok ? [] : c.issues));
  if (issues.length > 0) throw new RelaisError('validation', 'invalid-document', issues);
  const { auth } = request;
  const endpoint: FhirEndpoint = {
    organisationId: admin.organisationId,
    baseUrl: request.baseUrl,
    auth:
      auth.kind === 'client-credentials'
        ? {
            kind: auth.kind,
            tokenUrl: auth.tokenUrl,
            clientId: auth.clientId,
            ...(auth.scope ? { scope: auth.scope } : {}),
          }
        : { kind: auth.kind },
    configuredAt: deps.clock.now().toISOString(),
  };
  const secret =
    auth.kind === 'bearer' ? auth.token : auth.kind === 'client-credentials' ? auth.clientSecret : undefined;
  await deps.endpoints.put(endpoint, secret);
  return { endpoint };
}

/** The caller's FHIR endpoint, without its secret; `null` when it set none. */
export async function readFhirEndpoint(
  deps: Pick<FhirEndpointDeps, 'endpoints'>,
  admin: Principal,
): Promise<{ endpoint: FhirEndpoint | null }> {
  return { endpoint: (await deps.endpoints.get(admin.organisationId))?.endpoint ?? null };
}
