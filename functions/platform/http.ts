import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { prefixIssues } from '../../core/errors/field-issue.ts';
import { type ProblemReason, RelaisError } from '../../core/errors/relais-error.ts';
import { assertNestingDepth } from '../../core/validation/depth.ts';
import { validate } from '../../core/validation/validate.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/**
 * The API's own body limit, enforced once, by the bodyLimit middleware every handler runs before
 * anything else. API Gateway's 10 MB payload cap is the platform's, not the API's.
 */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()] ?? undefined;
}

export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Parses a JSON body after checking its media type (its size was checked by bodyLimit); never echoes it. */
export function parseJsonBody(event: HttpEvent): unknown {
  const body = rawBody(event);
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json'))
    throw new RelaisError('unsupported-media-type', 'json-required');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new RelaisError('bad-request', 'malformed-json');
  }
  // JSON.parse copes with any depth; the code that walks the document afterwards recurses.
  assertNestingDepth(document);
  return document;
}

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/** A document sent as YAML (returned as text, for a parser that reports lines) or JSON (parsed). */
export function parseYamlOrJsonBody(event: HttpEvent): unknown {
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!YAML_TYPES.has(type)) return parseJsonBody(event);
  return rawBody(event);
}

/** Parses and validates a JSON body against a schema; issue pointers resolve inside the body. */
export function parseJsonBodyAs<S extends z.ZodType>(event: HttpEvent, schema: S): z.output<S> {
  const result = validate(schema, parseJsonBody(event));
  if (!result.ok) throw new RelaisError('validation', 'invalid-document', result.issues);
  return result.value;
}

export const noContent = (): HttpResult => ({ statusCode: 204, headers: {}, body: '' });

/** Validates query-string parameters; issue pointers name the parameter (e.g. /limit). */
export function parseQuery<S extends z.ZodType>(event: HttpEvent, schema: S): z.output<S> {
  const result = validate(schema, event.queryStringParameters ?? {});
  if (!result.ok) throw new RelaisError('bad-request', 'invalid-query', prefixIssues('', result.issues));
  return result.value;
}

/** A path parameter that does not have the right shape cannot name an existing object: 404. */
export function parsePath<S extends z.ZodType>(
  event: HttpEvent,
  schema: S,
  reason: ProblemReason & `${string}-not-found`,
): z.output<S> {
  const result = schema.safeParse(event.pathParameters ?? {});
  if (!result.success) throw new RelaisError('not-found', reason);
  return result.data;
}
