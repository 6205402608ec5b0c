import type { DeliveryAttempt, DeliveryOutcome, NextAttempt } from '../../schemas/api/deliveries.ts';

export interface AttemptFacts {
  /** 1-based. */
  attempt: number;
  /** When the attempt started. */
  at: Date;
  outcome: DeliveryOutcome;
  durationMs: number;
  /** What planNextAttempt decided after it. */
  next: NextAttempt;
}

/**
 * The record of one attempt that is stored and shown to the endpoint's organisation. It keeps the status
 * and the decision, never the Retry-After text or anything else the receiver sent.
 */
export function deliveryAttempt({ attempt, at, outcome, durationMs, next }: AttemptFacts): DeliveryAttempt {
  return {
    attempt,
    at: at.toISOString(),
    outcome: outcome.kind,
    ...(outcome.kind === 'response' ? { status: outcome.status } : {}),
    durationMs: Math.max(0, Math.round(durationMs)),
    next: next.kind,
    ...(next.kind === 'retry' ? { nextAttemptAt: next.at } : {}),
  };
}
