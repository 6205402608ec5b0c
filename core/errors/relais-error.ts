import type { FieldIssue } from './field-issue.ts';

/**
 * The kinds of failure the API reports. Each maps to exactly one HTTP status and one localised title
 * (functions/platform/problem.ts). The core throws these; it never knows about HTTP.
 */
export const PROBLEM_KINDS = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'headers-too-large': 431,
  validation: 422,
  'too-many-requests': 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** Stable reasons, each with a localised detail in core/i18n/problems.ts. */
export type ProblemReason =
  | 'malformed-json'
  | 'malformed-path'
  | 'malformed-request'
  | 'headers-too-large'
  | 'invalid-document'
  | 'nesting-too-deep'
  | 'invalid-query'
  | 'batch-empty'
  | 'batch-too-large'
  | 'body-too-large'
  | 'json-required'
  | 'credentials-missing'
  | 'credentials-invalid'
  | 'signature-missing'
  | 'signature-invalid'
  | 'signature-timestamp'
  | 'role-required'
  | 'record-not-found'
  | 'source-not-found'
  | 'key-not-found'
  | 'person-not-found'
  | 'mapping-version-not-found'
  | 'review-not-found'
  | 'service-not-found'
  | 'service-version-conflict'
  | 'no-eligible-service'
  | 'several-eligible-services'
  | 'review-decided'
  | 'merge-same-person'
  | 'rate-limited'
  | 'secret-not-found'
  | 'already-exists'
  | 'source-not-signing'
  | 'last-secret'
  | 'route-not-found'
  | 'method-not-allowed'
  | 'idempotency-key-reused'
  | 'idempotency-in-progress'
  | 'invalid-cursor'
  | 'storage-unavailable'
  | 'fhir-server-unavailable'
  | 'referral-not-found'
  | 'consent-record-not-found'
  | 'referral-closed'
  | 'referral-transition-not-allowed'
  | 'referral-transition-not-yours'
  | 'referral-version-conflict'
  | 'consent-required'
  | 'consent-override-needs-admin'
  | 'statistics-dimension-not-allowed'
  | 'internal';

/**
 * Extension members (RFC 9457 section 3.2) a problem carries besides `errors`, for the caller to act on.
 * Ids and directory labels only: never personal data.
 */
export interface ProblemMembers {
  /** The services a referral could go to, for the caller to pick one. */
  readonly candidates?: ReadonlyArray<{ id: string; organisationId: string; name: { fr?: string; en?: string } }>;
}

export class RelaisError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly reason: ProblemReason,
    readonly issues: readonly FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
    readonly members: ProblemMembers = {},
  ) {
    super(reason);
    this.name = 'RelaisError';
  }
}

export const notFound = (reason: ProblemReason = 'record-not-found') => new RelaisError('not-found', reason);
export const invalid = (issues: readonly FieldIssue[], reason: ProblemReason = 'invalid-document') =>
  new RelaisError('validation', reason, issues);
