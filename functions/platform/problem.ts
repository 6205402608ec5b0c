import {
  IdempotencyAlreadyInProgressError,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { PROBLEM_KINDS, RelaisError } from '../../core/errors/relais-error.ts';
import { PROBLEM_DETAILS, PROBLEM_TITLES } from '../../core/i18n/problems.ts';
import { type Language, negotiateLanguage } from '../../core/i18n/language.ts';
import type { Problem } from '../../schemas/api/problem.ts';
import type { HostProblemKind } from '../../adapters/local/api-gateway-host.ts';
import type { HttpResult } from './http.ts';

/** Errors of the storage layer that a retry can fix: the caller gets 503, not 500. */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'TransactionConflictException',
]);

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    TRANSIENT_NAMES.has(error.name) ||
    (code !== undefined && TRANSIENT_NAMES.has(code)) ||
    error instanceof IdempotencyPersistenceLayerError
  );
}

/** Maps anything thrown to a RelaisError; unknown errors become `internal` and are flagged for logging. */
export function classify(error: unknown): { error: RelaisError; unexpected: boolean } {
  if (error instanceof RelaisError) return { error, unexpected: false };
  if (error instanceof IdempotencyValidationError)
    return { error: new RelaisError('validation', 'idempotency-key-reused'), unexpected: false };
  if (error instanceof IdempotencyAlreadyInProgressError)
    return { error: new RelaisError('conflict', 'idempotency-in-progress', [], 1), unexpected: false };
  if (isTransient(error))
    return { error: new RelaisError('unavailable', 'storage-unavailable', [], 2), unexpected: true };
  return { error: new RelaisError('internal', 'internal'), unexpected: true };
}

/**
 * Renders RFC 9457 problem details in the caller's language. Only our own catalogue text reaches the
 * body: never an exception message, a stack or a submitted value.
 */
export function problemResponse(error: RelaisError, language: Language, instance?: string): HttpResult {
  const status = PROBLEM_KINDS[error.kind];
  const problem: Problem = {
    type: `urn:relais:problem:${error.kind}`,
    title: PROBLEM_TITLES[error.kind][language],
    status,
    detail: PROBLEM_DETAILS[error.reason][language],
    code: error.reason,
    ...(instance ? { instance } : {}),
    ...(error.members.candidates ? { candidates: [...error.members.candidates] } : {}),
    ...(error.issues.length > 0
      ? {
          errors: error.issues.slice(0, 100).map((i) => ({
            pointer: i.pointer,
            code: i.code,
            detail: i.message[language],
            ...(i.line ? { line: i.line, column: i.column ?? 1 } : {}),
          })),
        }
      : {}),
  };
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': language,
  };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { statusCode: status, headers, body: JSON.stringify(problem) };
}

const HOST_PROBLEMS: Record<HostProblemKind, RelaisError> = {
  'route-not-found': new RelaisError('not-found', 'route-not-found'),
  'method-not-allowed': new RelaisError('method-not-allowed', 'method-not-allowed'),
  'body-too-large': new RelaisError('payload-too-large', 'body-too-large'),
  'malformed-path': new RelaisError('bad-request', 'malformed-path'),
  'malformed-request': new RelaisError('bad-request', 'malformed-request'),
  'headers-too-large': new RelaisError('headers-too-large', 'headers-too-large'),
};

/** The answers the local API Gateway host gives by itself, in the API's own format. */
export const hostProblem = (kind: HostProblemKind, acceptLanguage: string | undefined): HttpResult =>
  problemResponse(HOST_PROBLEMS[kind], negotiateLanguage(acceptLanguage));
