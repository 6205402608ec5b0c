import fc from 'fast-check';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import { PROBLEM_KINDS, type ProblemKind, RelaisError } from '../../../../core/errors/relais-error.ts';
import { PROBLEM_DETAILS } from '../../../../core/i18n/problems.ts';
import { classify, problemResponse } from '../../../../functions/platform/problem.ts';
import { Problem } from '../../../../schemas/api/problem.ts';

const secretLike = fc.constantFrom(
  'KABASELE Jean né le 2014-03-02',
  '+243812345678',
  'whsec_c2VjcmV0',
  'AccessDeniedException: arn:aws:iam::123456789012',
);
const anyThrown = fc.oneof(
  secretLike.map((m) => new Error(m)),
  secretLike.map((m) => new TypeError(m)),
  secretLike.map((m) =>
    Object.assign(new Error(m), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
  ),
  secretLike.map((m) => Object.assign(new Error(m), { name: 'ResourceNotFoundException' })),
  secretLike,
  fc.constant(undefined),
  fc.constant(new IdempotencyValidationError('payload differs')),
  fc.constant(new IdempotencyAlreadyInProgressError('in progress')),
  fc
    .constantFrom(...(Object.keys(PROBLEM_KINDS) as ProblemKind[]))
    .chain((kind) =>
      fc
        .constantFrom(...(Object.keys(PROBLEM_DETAILS) as Array<keyof typeof PROBLEM_DETAILS>))
        .map((reason) => new RelaisError(kind, reason)),
    ),
);

describe('problem+json for anything thrown', () => {
  it('is valid against the Problem schema, in both languages', () => {
    fc.assert(
      fc.property(anyThrown, fc.constantFrom('en' as const, 'fr' as const), (thrown, lang) => {
        const res = problemResponse(classify(thrown).error, lang);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = JSON.parse(res.body);
        expect(Problem.safeParse(body).success).toBe(true);
        expect(body.status).toBe(res.statusCode);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
    );
  });

  it('never carries a message, a stack, an SDK detail or input', () => {
    fc.assert(
      fc.property(anyThrown, (thrown) => {
        const body = problemResponse(classify(thrown).error, 'en').body;
        expect(body).not.toMatch(/KABASELE|\+243|whsec_|arn:aws|at \w+ \(|Exception/);
      }),
    );
  });

  it('turns storage throttling into 503 with Retry-After and unknown errors into 500', () => {
    const throttled = problemResponse(
      classify(Object.assign(new Error('x'), { name: 'ThrottlingException' })).error,
      'en',
    );
    expect(throttled.statusCode).toBe(503);
    expect(throttled.headers['retry-after']).toBe('2');
    expect(problemResponse(classify(new TypeError('x')).error, 'en').statusCode).toBe(500);
  });
});
