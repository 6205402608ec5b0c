import { describe, expect, it } from 'vitest';
import { deliveryAttempt } from '../../../../core/delivery/attempt-record.ts';
import { MAX_ATTEMPTS, planNextAttempt } from '../../../../core/delivery/retry-schedule.ts';
import { DeliveryAttempt, type DeliveryOutcome } from '../../../../schemas/api/deliveries.ts';

const at = new Date('2026-03-02T08:00:00.000Z');

describe('deliveryAttempt', () => {
  it('records a retried 503 with its status and the time of the next attempt, valid against DeliveryAttempt', () => {
    const outcome: DeliveryOutcome = { kind: 'response', status: 503, retryAfter: '600' };
    const next = planNextAttempt({ attempt: 2, outcome, now: at, random: () => 0.5 });
    const record = deliveryAttempt({ attempt: 2, at, outcome, durationMs: 41.7, next });
    expect(record).toEqual({
      attempt: 2,
      at: '2026-03-02T08:00:00.000Z',
      outcome: 'response',
      status: 503,
      durationMs: 42,
      next: 'retry',
      nextAttemptAt: '2026-03-02T08:10:00.000Z',
    });
    expect(DeliveryAttempt.parse(record)).toEqual(record);
  });

  it('records a timeout without a status, and a last failure as exhausted without a next time', () => {
    const outcome: DeliveryOutcome = { kind: 'timeout' };
    const next = planNextAttempt({ attempt: MAX_ATTEMPTS, outcome, now: at, random: () => 0.5 });
    const record = deliveryAttempt({ attempt: MAX_ATTEMPTS, at, outcome, durationMs: 15_000, next });
    expect(record).toEqual({
      attempt: MAX_ATTEMPTS,
      at: at.toISOString(),
      outcome: 'timeout',
      durationMs: 15_000,
      next: 'exhausted',
    });
    expect(() => DeliveryAttempt.parse(record)).not.toThrow();
  });

  it('keeps nothing else the receiver sent', () => {
    const outcome: DeliveryOutcome = { kind: 'response', status: 429, retryAfter: 'KABASELE Jean' };
    const next = planNextAttempt({ attempt: 1, outcome, now: at, random: () => 0.5 });
    expect(JSON.stringify(deliveryAttempt({ attempt: 1, at, outcome, durationMs: 3, next }))).not.toContain('KABASELE');
  });
});
