import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type StaticSite, staticSiteAnswer } from './static-site.ts';

/**
 * Serves Lambda handlers over node:http the way API Gateway HTTP APIs (payload format 2.0) call them.
 * No library does this without Docker or the Serverless Framework, hence this small adapter.
 */
export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HostedRoute {
  method: string;
  /** Path template with {param} segments. */
  path: string;
  functionName: string;
  load: () => Promise<LambdaHttpHandler>;
}

/** Why the host answers by itself, before any handler: what API Gateway would refuse on its own. */
export type HostProblemKind =
  | 'route-not-found'
  | 'method-not-allowed'
  | 'body-too-large'
  /** A path parameter that is not valid percent-encoded UTF-8. */
  | 'malformed-path'
  /** The request line or headers could not be parsed. */
  | 'malformed-request'
  | 'headers-too-large';

/** Answers the host gives itself, in the API's own error format. */
export type HostProblem = (
  kind: HostProblemKind,
  acceptLanguage: string | undefined,
) => APIGatewayProxyStructuredResultV2;

/** One line per request: ids and the route template only, never the raw path, query, headers or body. */
export interface HostRequestLog {
  method: string;
  /** The matched route's template, or undefined when no route matched. */
  route: string | undefined;
  status: number;
  durationMs: number;
  requestId: string;
}

export type HostLog = (line: HostRequestLog) => void;

/** The compact form `relais serve` prints: `GET /v1/records/{id} 200 12ms <request id>`. */
export const formatRequestLog = (l: HostRequestLog) =>
  `${l.method} ${l.route ?? '-'} ${l.status} ${l.durationMs}ms ${l.requestId}`;

/** API Gateway's own payload cap. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 29_000;

interface CompiledRoute extends HostedRoute {
  pattern: RegExp;
  names: string[];
  handler?: Promise<LambdaHttpHandler>;
}

function compile(route: HostedRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

function lambdaContext(functionName: string, requestId: string, startedAt: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, TIMEOUT_MS - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Reads the body up to the platform's cap. Past the cap it stops reading without destroying the request
 * (a for-await loop left early would), so that the answer can still be written on the socket.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.pause();
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve('too-large');
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    const onError = (error: Error) => reject(error);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  params: Record<string, string>,
  body: Buffer,
  requestId: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const type = headers['content-type'] ?? '';
  const textual = /json|text|xml|csv|x-www-form-urlencoded/.test(type);
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.names.length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Undecodable percent-encoding answers 400, as API Gateway does, instead of throwing. */
function decodeParam(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function send(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  requestId: string,
  options: { close?: boolean } = {},
): number {
  const status = result.statusCode ?? 200;
  const headers: Record<string, string | number | boolean> = {
    ...(result.headers ?? {}),
    'apigw-requestid': requestId,
    ...(options.close ? { connection: 'close' } : {}),
  };
  res.writeHead(status, headers as Record<string, string>);
  res.end(
    result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body,
  );
  return status;
}

const INTERNAL_ERROR: APIGatewayProxyStructuredResultV2 = {
  statusCode: 500,
  headers: { 'content-type': 'application/json' },
  body: '{"message":"Internal Server Error"}',
};

/** How long the unread rest of a refused body may keep arriving before the connection is cut. */
const DRAIN_GRACE_MS = 2_000;

/**
 * After answering before the whole body was read (413), the rest of the body would be parsed as the
 * next request on a kept-alive connection: the answer says `connection: close`, and what still arrives
 * is read and thrown away for a short while so the client sees the answer rather than a reset.
 */
function discardRest(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  res.once('finish', () => {
    const timer = setTimeout(() => socket.destroy(), DRAIN_GRACE_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

/** A complete HTTP/1.1 response written straight to a socket the parser gave up on. */
function rawResponse(result: APIGatewayProxyStructuredResultV2): string {
  const status = result.statusCode ?? 400;
  const body = result.body ?? '';
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of Object.entries(result.headers ?? {})) lines.push(`${name}: ${String(value)}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close', '', body);
  return lines.join('\r\n');
}

export async function startApiGatewayHost(options: {
  routes: HostedRoute[];
  port: number;
  host?: string;
  problem: HostProblem;
  /** Called once per request, after the answer was written. */
  log?: HostLog;
  /** Static files served beside the API, as CloudFront serves them on AWS (the admin UI). */
  site?: StaticSite;
}): Promise<{ server: Server; url: string }> {
  const compiled = options.routes.map(compile);
  const site = options.site ? staticSiteAnswer(options.site) : undefined;
  const log = options.log ?? (() => undefined);

  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string, startedAt: number) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const done = (status: number, route?: string) =>
      log({ method, route, status, durationMs: Date.now() - startedAt, requestId });
    const lang = req.headers['accept-language'];
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      await readBody(req);
      return done(send(res, options.problem('malformed-request', lang), requestId));
    }
    const file = site ? await site(method, url.pathname) : 'not-here';
    if (file !== 'not-here') {
      await readBody(req);
      return done(send(res, file, requestId), options.site!.prefix);
    }
    const matching = compiled.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
    const hit = matching.find((x) => x.r.method === method);
    if (!hit) {
      const body = await readBody(req);
      if (body === 'too-large') discardRest(req, res);
      return done(
        send(res, options.problem(matching.length ? 'method-not-allowed' : 'route-not-found', lang), requestId, {
          close: body === 'too-large',
        }),
      );
    }
    const route = hit.r.path;
    const body = await readBody(req);
    if (body === 'too-large') {
      discardRest(req, res);
      return done(send(res, options.problem('body-too-large', lang), requestId, { close: true }), route);
    }
    const params: Record<string, string> = {};
    for (const [i, name] of hit.r.names.entries()) {
      const value = decodeParam(hit.m![i + 1]!);
      if (value === undefined) return done(send(res, options.problem('malformed-path', lang), requestId), route);
      params[name] = value;
    }
    let result: APIGatewayProxyStructuredResultV2;
    try {
      hit.r.handler ??= hit.r.load();
      result = await (
        await hit.r.handler
      )(toEvent(req, url, hit.r, params, body, requestId), lambdaContext(hit.r.functionName, requestId, startedAt));
    } catch {
      // A handler that throws is what API Gateway reports as a 500 with no detail.
      result = INTERNAL_ERROR;
    }
    done(send(res, result, requestId), route);
  };

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    const startedAt = Date.now();
    // Whatever the host itself gets wrong answers 500 on this request; it never reaches the process.
    handle(req, res, requestId, startedAt).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, INTERNAL_ERROR, requestId, { close: true });
    });
  });
  // The parser's own refusals (oversized headers, a garbled request line) get problem+json too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const kind = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : 'malformed-request';
    const result = options.problem(kind, undefined);
    socket.end(rawResponse(result));
    log({
      method: '-',
      route: undefined,
      status: result.statusCode ?? 400,
      durationMs: 0,
      requestId: randomUUID(),
    });
  });
  server.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host ?? '127.0.0.1'}:${port}` };
}
