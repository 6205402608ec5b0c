import type { FhirEndpointStore } from '../../core/fhir/endpoints.ts';
import type { FhirEndpoint } from '../../schemas/api/fhir-endpoint.ts';
import type { FhirPullCursor } from '../../schemas/fhir/sync.ts';

/** FHIR endpoints and pull cursors in process memory, for unit tests and the CLI. */
export class MemoryFhirEndpointStore implements FhirEndpointStore {
  private readonly endpoints = new Map<string, { endpoint: FhirEndpoint; secret?: string }>();
  private readonly cursors = new Map<string, FhirPullCursor>();

  async get(organisationId: string) {
    const found = this.endpoints.get(organisationId);
    return found ? structuredClone(found) : undefined;
  }

  async put(endpoint: FhirEndpoint, secret?: string) {
    this.endpoints.set(endpoint.organisationId, structuredClone(secret ? { endpoint, secret } : { endpoint }));
  }

  async getCursor(organisationId: string, resourceType: string) {
    const found = this.cursors.get(`${organisationId}\u0000${resourceType}`);
    return found ? structuredClone(found) : undefined;
  }

  async putCursor(organisationId: string, cursor: FhirPullCursor, expected: FhirPullCursor | undefined) {
    const key = `${organisationId}\u0000${cursor.resourceType}`;
    if (JSON.stringify(this.cursors.get(key)) !== JSON.stringify(expected)) return 'conflict';
    this.cursors.set(key, structuredClone(cursor));
    return 'ok';
  }
}
