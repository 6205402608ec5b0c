import { Client, type FhirResource as KitResource } from 'fhir-kit-client';
import type { FhirEndpointClient, FhirPullOptions, FhirPullResult, FhirPushResult } from '../../core/fhir/ports.ts';
import { type Clock, systemClock } from '../../core/ports.ts';
import type { DeliveryOutcome } from '../../schemas/api/deliveries.ts';
import { FhirBundle, type FhirPullCursor, type FhirResource, type TransactionBundle } from '../../schemas/fhir/sync.ts';
import { OutboundRefused, type OutboundRules, vettedDispatcher } from './pinned-dispatcher.ts';
import { type FhirAuth, TokenRefused, type TokenSource, tokenSource } from './token.ts';

export interface FhirClientOptions extends OutboundRules {
  /** The server's FHIR base URL, e.g. https://fhir.example.org/R4. */
  baseUrl: string;
  auth: FhirAuth;
  /** For each request (token fetch included); 30 s unless told: a transaction may take the server a while. */
  timeoutMs?: number;
  clock?: Clock;
}

/** Raised by a pull when the server fails a search; the cursor the caller holds is still good to retry from. */
export class FhirPullFailed extends Error {
  override name = 'FhirPullFailed';
  constructor(readonly outcome: DeliveryOutcome) {
    super(`FHIR search failed: ${outcome.kind === 'response' ? outcome.status : outcome.kind}`);
  }
}

/** What fhir-kit-client throws for an answer that is not 2xx. */
interface HttpFailure {
  response: { status: number };
  config?: { headers?: Headers };
}

const isHttpFailure = (error: unknown): error is HttpFailure =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { response?: { status?: unknown } }).response?.status === 'number';

/** An error as the delivery retry schedule reads outcomes (core/delivery/retry-schedule.ts). */
function outcomeOf(error: unknown): DeliveryOutcome {
  if (error instanceof OutboundRefused) return { kind: 'refused-address' };
  if (error instanceof TokenRefused) {
    // The token server refusing the client is the endpoint refusing Relais: a 401 to retry on schedule.
    return error.status === undefined ? { kind: 'network' } : { kind: 'response', status: 401, retryAfter: null };
  }
  if (isHttpFailure(error)) {
    return {
      kind: 'response',
      status: error.response.status,
      retryAfter: error.config?.headers?.get?.('retry-after') ?? null,
    };
  }
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
  return { kind: 'network' };
}

/**
 * A partner's FHIR server through fhir-kit-client. Each request's URL is vetted by the webhook rules right
 * before it is sent and its connection pinned to the vetted address (a `requestSigner`, which fhir-kit-client
 * runs on every request, sets the dispatcher and the token). A paging link may not leave the endpoint's
 * origin: the token would follow it. A 401 gets one retry with a fresh token (client credentials).
 */
export function createFhirClient(options: FhirClientOptions): FhirEndpointClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const clock = options.clock ?? systemClock;
  const origin = new URL(options.baseUrl).origin;
  const tokens: TokenSource = tokenSource(options.auth, options, clock, timeoutMs);
  let bearer: string | undefined;
  const client = new Client({
    baseUrl: options.baseUrl,
    requestSigner: async (url: string, init: RequestInit) => {
      if (new URL(url).origin !== origin) throw new OutboundRefused(['foreign-origin']);
      (init as { dispatcher?: unknown }).dispatcher = await vettedDispatcher(url, options);
      const headers = init.headers as Headers;
      if (bearer) headers.set('authorization', `Bearer ${bearer}`);
      else headers.delete('authorization');
      init.redirect = 'manual';
    },
  });
  const requestOptions = () => ({ signal: AbortSignal.timeout(timeoutMs) });

  async function authorised<T>(call: () => Promise<T>): Promise<T> {
    bearer = await tokens.token();
    try {
      return await call();
    } catch (error) {
      if (!(isHttpFailure(error) && error.response.status === 401) || options.auth.kind !== 'client-credentials') {
        throw error;
      }
      bearer = await tokens.refresh();
      return call();
    }
  }

  return {
    async push(bundle: TransactionBundle): Promise<FhirPushResult> {
      try {
        const answer = await authorised(() =>
          client.transaction({ body: bundle as unknown as KitResource, options: requestOptions() }),
        );
        const parsed = FhirBundle.safeParse(answer);
        if (!parsed.success || parsed.data.type !== 'transaction-response') {
          // A 2xx that is no transaction response: the server did not do what was asked.
          return { kind: 'failed', outcome: { kind: 'response', status: 502, retryAfter: null } };
        }
        return {
          kind: 'pushed',
          entries: (parsed.data.entry ?? []).map((e) => ({
            status: e.response?.status ?? '',
            ...(e.response?.location ? { location: e.response.location } : {}),
          })),
        };
      } catch (error) {
        return { kind: 'failed', outcome: outcomeOf(error) };
      }
    },

    async pull(cursor: FhirPullCursor, pullOptions: FhirPullOptions = {}): Promise<FhirPullResult> {
      const searchParams: Record<string, string | number> = { _sort: '_lastUpdated' };
      // `ge`, not `gt`: a version written in the millisecond of the last one seen must still come; the
      // cursor's `seenAtSince` drops those already handed out.
      if (cursor.since) searchParams._lastUpdated = `ge${cursor.since}`;
      if (pullOptions.pageSize) searchParams._count = pullOptions.pageSize;
      const seen = new Set(cursor.seenAtSince);
      const resources: FhirResource[] = [];
      let since = cursor.since;
      let atSince = new Set(cursor.seenAtSince);
      let pages = 0;
      let productive = 0;
      try {
        let page: unknown = await authorised(() =>
          client.search({ resourceType: cursor.resourceType, searchParams, options: requestOptions() }),
        );
        while (page) {
          pages += 1;
          const before = resources.length;
          const bundle = FhirBundle.parse(page);
          for (const entry of bundle.entry ?? []) {
            const resource = entry.resource;
            if (!resource || resource.resourceType !== cursor.resourceType) continue;
            const key = versionKey(resource);
            const updated = resource.meta?.lastUpdated;
            if (updated === cursor.since && seen.has(key)) continue;
            resources.push(resource);
            if (updated === undefined) continue;
            if (since === undefined || Date.parse(updated) > Date.parse(since)) {
              since = updated;
              atSince = new Set([key]);
            } else if (updated === since) {
              atSince.add(key);
            }
          }
          // Only pages that gave something count towards maxPages: the first pages from an inclusive cursor may
          // hold only versions already handed out (many written in its millisecond), and stopping there would
          // leave the caller with the same cursor again.
          if (resources.length > before) productive += 1;
          if (pullOptions.maxPages !== undefined && productive >= pullOptions.maxPages) break;
          const next = bundle.link?.find((l) => l.relation === 'next');
          if (!next) break;
          page = await authorised(async () =>
            client.nextPage({
              bundle: bundle as unknown as Parameters<typeof client.nextPage>[0]['bundle'],
              options: requestOptions(),
            }),
          );
        }
      } catch (error) {
        throw new FhirPullFailed(outcomeOf(error));
      }
      return {
        resources,
        cursor: { resourceType: cursor.resourceType, ...(since ? { since } : {}), seenAtSince: [...atSince] },
        pages,
      };
    },

    async history(resourceType: string, id: string): Promise<FhirResource[]> {
      const versions: FhirResource[] = [];
      try {
        let page: unknown = await authorised(() => client.history({ resourceType, id, options: requestOptions() }));
        while (page) {
          const bundle = FhirBundle.parse(page);
          for (const entry of bundle.entry ?? []) if (entry.resource) versions.push(entry.resource);
          if (!bundle.link?.some((l) => l.relation === 'next')) break;
          page = await authorised(async () =>
            client.nextPage({
              bundle: bundle as unknown as Parameters<typeof client.nextPage>[0]['bundle'],
              options: requestOptions(),
            }),
          );
        }
      } catch (error) {
        throw new FhirPullFailed(outcomeOf(error));
      }
      // A history Bundle lists the newest version first (R4 http.html#history), page after page.
      return versions.reverse();
    },
  };
}

const versionKey = (resource: FhirResource) => `${resource.id ?? ''}/${resource.meta?.versionId ?? ''}`;
