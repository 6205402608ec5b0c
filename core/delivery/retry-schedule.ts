import type { DeliveryOutcome, NextAttempt, ResponseClass } from '../../schemas/api/deliveries.ts';

/**
 * When to try a webhook delivery again. The Standard Webhooks schedule (immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h) is extended with four 12-hour waits so that an endpoint down over a long weekend
 * still gets its referrals. Entry i is the wait before attempt i + 1, counted from the failure of attempt i.
 *
 * Nominal total from the first attempt to the last: 5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000 + 5 × 43200
 * = 315 305 s = 3 d 15 h 35 min 5 s. Jitter can shorten it to 0.9 × that (283 774.5 s, 3 d 6 h 49 min), so
 * a receiver down for three days still gets its events; jitter never lengthens the 12-hour waits (the cap below).
 */
export const DELIVERY_SCHEDULE_SECONDS: readonly number[] = Object.freeze([
  0,
  5,
  5 * 60,
  30 * 60,
  2 * 3600,
  5 * 3600,
  10 * 3600,
  10 * 3600,
  12 * 3600,
  12 * 3600,
  12 * 3600,
  12 * 3600,
  12 * 3600,
]);

export const MAX_ATTEMPTS = DELIVERY_SCHEDULE_SECONDS.length;

/** The SQS visibility timeout cannot exceed 12 hours, and the retry is a visibility change. */
export const MAX_DELAY_SECONDS = 43_200;

const JITTER = 0.1;

/** Statuses whose Retry-After we honour: rate limiting and a gateway or server that says it is overloaded. */
const RETRY_AFTER_STATUSES = new Set([429, 502, 503, 504]);

export function classifyResponse(outcome: DeliveryOutcome, now: Date): ResponseClass {
  if (outcome.kind !== 'response') return { kind: 'retry' };
  const { status } = outcome;
  if (status >= 200 && status <= 299) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  // A redirect is a failure too: following it would let a receiver point Relais anywhere.
  if (!RETRY_AFTER_STATUSES.has(status)) return { kind: 'retry' };
  const retryAfterSeconds = parseRetryAfter(outcome.retryAfter, now);
  return retryAfterSeconds === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterSeconds };
}

export interface PlanInput {
  /** 1-based number of the attempt that just ended. */
  attempt: number;
  outcome: DeliveryOutcome;
  now: Date;
  /** Uniform in [0, 1), like Math.random; injected so that tests are deterministic. */
  random: () => number;
}

export function planNextAttempt({ attempt, outcome, now, random }: PlanInput): NextAttempt {
  const verdict = classifyResponse(outcome, now);
  if (verdict.kind === 'delivered') return { kind: 'delivered' };
  if (verdict.kind === 'gone') return { kind: 'disable' };
  const scheduled = DELIVERY_SCHEDULE_SECONDS[attempt];
  if (!Number.isInteger(attempt) || attempt < 1 || scheduled === undefined) return { kind: 'exhausted' };
  // Retry-After may only lengthen the wait: a server cannot make us hammer it (or anyone behind it) faster
  // than the schedule allows.
  const delaySeconds = Math.min(
    MAX_DELAY_SECONDS,
    Math.max(jittered(scheduled, random), verdict.retryAfterSeconds ?? 0),
  );
  return { kind: 'retry', delaySeconds, at: new Date(now.getTime() + delaySeconds * 1000).toISOString() };
}

/**
 * The scheduled wait times a factor in [0.9, 1.1], in whole seconds (SQS takes whole seconds) without
 * leaving that band, and never above the 12-hour cap.
 */
function jittered(seconds: number, random: () => number): number {
  const low = Math.ceil(seconds * (1 - JITTER));
  const high = Math.min(MAX_DELAY_SECONDS, Math.floor(seconds * (1 + JITTER)));
  const r = random();
  // A broken random source must not break the schedule: out-of-range values are clamped, NaN is the middle.
  const unit = Number.isNaN(r) ? 0.5 : Math.min(1, Math.max(0, r));
  const value = Math.round(seconds * (1 - JITTER + 2 * JITTER * unit));
  return Math.min(high, Math.max(low, value));
}

const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Retry-After as RFC 9110 defines it: delta-seconds or an HTTP-date (the three formats a recipient must
 * accept). The date formats are matched before Date.parse, which would read "1" or "soon-ish" as dates.
 * A date in the past, or anything else, is no hint.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const isDate = IMF_FIXDATE.test(text) || RFC850_DATE.test(text) || ASCTIME_DATE.test(text);
  // asctime carries no zone; HTTP dates are always UTC.
  const at = isDate ? Date.parse(ASCTIME_DATE.test(text) ? `${text} GMT` : text) : NaN;
  if (Number.isNaN(at)) return undefined;
  const seconds = Math.ceil((at - now.getTime()) / 1000);
  return seconds >= 0 ? seconds : undefined;
}
