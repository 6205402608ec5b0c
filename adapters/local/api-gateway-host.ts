import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

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

/** Answers the host gives itself (no route, wrong method, oversized body), in the API's own error format. */
export type HostProblem = (
  kind: 'route-not-found' | 'method-not-allowed' | 'body-too-large',
  acceptLanguage: string | undefined,
) => APIGatewayProxyStructuredResultV2;

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

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  const headers: Record<string, string | number | boolean> = {
    ...(result.headers ?? {}),
    'apigw-requestid': requestId,
  };
  res.writeHead(result.statusCode ?? 200, headers as Record<string, string>);
  res.end(
    result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body,
  );
}

export async function startApiGatewayHost(options: {
  routes: HostedRoute[];
  port: number;
  host?: string;
  problem: HostProblem;
}): Promise<{ server: Server; url: string }> {
  const compiled = options.routes.map(compile);
  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const startedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const lang = req.headers['accept-language'];
    const matching = compiled.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
    const hit = matching.find((x) => x.r.method === method);
    if (!hit) {
      await readBody(req);
      return send(res, options.problem(matching.length ? 'method-not-allowed' : 'route-not-found', lang), requestId);
    }
    const body = await readBody(req);
    if (body === 'too-large') return send(res, options.problem('body-too-large', lang), requestId);
    const params = Object.fromEntries(hit.r.names.map((name, i) => [name, decodeURIComponent(hit.m![i + 1]!)]));
    try {
      hit.r.handler ??= hit.r.load();
      const result = await (
        await hit.r.handler
      )(toEvent(req, url, hit.r, params, body, requestId), lambdaContext(hit.r.functionName, requestId, startedAt));
      send(res, result, requestId);
    } catch {
      // A handler that throws is what API Gateway reports as a 500 with no detail.
      send(
        res,
        {
          statusCode: 500,
          headers: { 'content-type': 'application/json' },
          body: '{"message":"Internal Server Error"}',
        },
        requestId,
      );
    }
  });
  server.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host ?? '127.0.0.1'}:${port}` };
}
