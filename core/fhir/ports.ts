import type { DeliveryOutcome } from '../../schemas/api/deliveries.ts';
import type { FhirPullCursor, FhirResource, TransactionBundle } from '../../schemas/fhir/sync.ts';

/** How a push went: the server's answer to each entry, or why nothing was applied (for the retry schedule). */
export type FhirPushResult =
  | { kind: 'pushed'; entries: Array<{ status: string; location?: string }> }
  | { kind: 'failed'; outcome: DeliveryOutcome };

export interface FhirPullOptions {
  /** `_count` of each search page. */
  pageSize?: number;
  /** Stop after this many pages (the cursor then resumes after the last resource read). Unset: all. */
  maxPages?: number;
}

export interface FhirPullResult {
  /** Versions not handed out before, in the server's `_lastUpdated` order. */
  resources: FhirResource[];
  cursor: FhirPullCursor;
  pages: number;
}

/**
 * A partner's FHIR R4 server (adapters/fhir/client.ts on fhir-kit-client). Every URL it calls has passed
 * the outbound URL rules of webhooks (core/delivery/outbound-url.ts).
 */
export interface FhirEndpointClient {
  /** One transaction Bundle: all of it is applied, or none. */
  push(bundle: TransactionBundle): Promise<FhirPushResult>;
  /** The resources of the cursor's type updated since it, every page followed; throws when the server fails. */
  pull(cursor: FhirPullCursor, options?: FhirPullOptions): Promise<FhirPullResult>;
  /** Every version of one resource, oldest first (its `_history`, every page followed); throws when the server fails. */
  history(resourceType: string, id: string): Promise<FhirResource[]>;
}
