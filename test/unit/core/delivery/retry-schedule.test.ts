import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_SCHEDULE_SECONDS,
  MAX_ATTEMPTS,
  classifyResponse,
  parseRetryAfter,
  planNextAttempt,
} from '../../../../core/delivery/retry-schedule.ts';
import { type DeliveryOutcome, NextAttempt } from '../../../../schemas/api/deliveries.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;
const START = new Date('2026-03-02T08:00:00.000Z');

/** A clock the test moves by hand: attempt times come from it, never from the wall. */
function fakeClock(start: Date) {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advance: (seconds: number) => {
      ms += seconds * 1000;
    },
  };
}

/** A seeded linear congruential source in [0, 1), so that a run is the same every time. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const failure = (status: number, retryAfter?: string): DeliveryOutcome => ({ kind: 'response', status, retryAfter });

function retryDelay(plan: NextAttempt): number {
  if (plan.kind !== 'retry') throw new Error(`expected a retry, got ${plan.kind}`);
  return plan.delaySeconds;
}

describe('the delivery schedule', () => {
  it('is Standard Webhooks (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) then five 12-hour waits', () => {
    expect(DELIVERY_SCHEDULE_SECONDS).toEqual([
      0,
      5,
      300,
      1800,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
      12 * HOUR,
      12 * HOUR,
      12 * HOUR,
      12 * HOUR,
      12 * HOUR,
    ]);
    expect(MAX_ATTEMPTS).toBe(13);
  });

  it('spans at least 3 days from the first attempt to the last: 315 305 s (3 d 15 h 35 min 5 s)', () => {
    const total = DELIVERY_SCHEDULE_SECONDS.reduce((sum, seconds) => sum + seconds, 0);
    expect(total).toBe(315_305);
    expect(total).toBeGreaterThanOrEqual(3 * DAY);
  });

  it('never waits longer than 12 hours, the SQS visibility timeout cap', () => {
    expect(Math.max(...DELIVERY_SCHEDULE_SECONDS)).toBeLessThanOrEqual(43_200);
  });
});

describe('planNextAttempt', () => {
  it('times a whole series of failed attempts as the schedule says, each wait within 10 %', () => {
    const clock = fakeClock(START);
    const random = seededRandom(42);
    const attemptTimes = [clock.now().getTime()];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const plan = planNextAttempt({ attempt, outcome: failure(500), now: clock.now(), random });
      const delay = retryDelay(plan);
      expect(plan.kind === 'retry' && plan.at).toBe(new Date(clock.now().getTime() + delay * 1000).toISOString());
      clock.advance(delay);
      attemptTimes.push(clock.now().getTime());
    }
    const waits = attemptTimes.slice(1).map((at, i) => (at - attemptTimes[i]!) / 1000);
    waits.forEach((wait, i) => {
      const scheduled = DELIVERY_SCHEDULE_SECONDS[i + 1]!;
      expect(wait, `wait before attempt ${i + 2}`).toBeGreaterThanOrEqual(scheduled * 0.9);
      expect(wait, `wait before attempt ${i + 2}`).toBeLessThanOrEqual(Math.min(scheduled * 1.1, 43_200));
    });
    expect(attemptTimes).toHaveLength(MAX_ATTEMPTS);
  });

  it('jitters each wait: the lowest random value gives 0.9 × the schedule, the highest 1.1 × (12 h stays 12 h)', () => {
    const plan = (attempt: number, r: number) =>
      retryDelay(planNextAttempt({ attempt, outcome: { kind: 'network' }, now: START, random: () => r }));
    expect(plan(3, 0)).toBe(1620);
    expect(plan(3, 0.999999)).toBe(1980);
    expect(plan(3, 0.5)).toBe(1800);
    expect(plan(1, 0)).toBe(5);
    expect(plan(9, 0.999999)).toBe(43_200);
    expect(plan(9, 0)).toBe(38_880);
  });

  it('lasts at least 0.9 × 315 305 s (over 3 days) even when every wait is jittered to its shortest', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++)
      total += retryDelay(planNextAttempt({ attempt, outcome: { kind: 'timeout' }, now: START, random: () => 0 }));
    expect(total).toBeGreaterThanOrEqual(0.9 * 315_305);
  });

  it('is exhausted after the last scheduled attempt fails', () => {
    const last = { outcome: failure(503), now: START, random: () => 0.5 };
    expect(planNextAttempt({ ...last, attempt: MAX_ATTEMPTS - 1 }).kind).toBe('retry');
    expect(planNextAttempt({ ...last, attempt: MAX_ATTEMPTS })).toEqual({ kind: 'exhausted' });
    expect(planNextAttempt({ ...last, attempt: MAX_ATTEMPTS + 3 })).toEqual({ kind: 'exhausted' });
  });

  it('disables the endpoint on 410 Gone, at any attempt, with no further attempt', () => {
    for (const attempt of [1, 5, MAX_ATTEMPTS])
      expect(planNextAttempt({ attempt, outcome: failure(410), now: START, random: () => 0.5 })).toEqual({
        kind: 'disable',
      });
  });

  it('is delivered on any 2xx, even at the last attempt', () => {
    for (const status of [200, 201, 202, 204, 299])
      expect(planNextAttempt({ attempt: MAX_ATTEMPTS, outcome: failure(status), now: START, random: () => 0 })).toEqual(
        { kind: 'delivered' },
      );
  });

  it('counts a redirect (301, 302, 307, 308) as a failure to retry, never as delivered', () => {
    for (const status of [301, 302, 307, 308]) {
      expect(classifyResponse(failure(status), START)).toEqual({ kind: 'retry' });
      expect(planNextAttempt({ attempt: 1, outcome: failure(status), now: START, random: () => 0.5 }).kind).toBe(
        'retry',
      );
    }
  });

  it('retries any other status, a timeout, a network error and an address refused at delivery', () => {
    const outcomes: DeliveryOutcome[] = [
      failure(100),
      failure(400),
      failure(401),
      failure(404),
      failure(500),
      failure(599),
      { kind: 'timeout' },
      { kind: 'network' },
      { kind: 'refused-address' },
    ];
    for (const outcome of outcomes) expect(classifyResponse(outcome, START)).toEqual({ kind: 'retry' });
  });

  it('honours Retry-After on 429 and 503, in delta-seconds and as an HTTP-date, when longer than the schedule', () => {
    const after = (outcome: DeliveryOutcome) =>
      retryDelay(planNextAttempt({ attempt: 2, outcome, now: START, random: () => 0.5 }));
    expect(after(failure(429, '3600'))).toBe(3600);
    expect(after(failure(503, '3600'))).toBe(3600);
    expect(after(failure(503, 'Mon, 02 Mar 2026 10:00:00 GMT'))).toBe(2 * HOUR);
    expect(after(failure(429, 'Mon, 02 Mar 2026 09:30:00 GMT'))).toBe(1.5 * HOUR);
    expect(after(failure(502, '900'))).toBe(900);
    expect(after(failure(504, '900'))).toBe(900);
  });

  it('ignores Retry-After on 500 and other statuses: the schedule decides', () => {
    for (const status of [500, 400, 404, 302]) {
      expect(classifyResponse(failure(status, '3600'), START)).toEqual({ kind: 'retry' });
      expect(
        retryDelay(planNextAttempt({ attempt: 2, outcome: failure(status, '3600'), now: START, random: () => 0.5 })),
      ).toBe(300);
    }
  });

  it('never lets Retry-After shorten the scheduled wait, and caps it at 12 hours', () => {
    const plan = (attempt: number, retryAfter: string) =>
      retryDelay(planNextAttempt({ attempt, outcome: failure(429, retryAfter), now: START, random: () => 0.5 }));
    expect(plan(4, '1')).toBe(2 * HOUR);
    expect(plan(4, '0')).toBe(2 * HOUR);
    expect(plan(1, '999999999')).toBe(43_200);
    expect(plan(1, 'Fri, 01 Jan 2100 00:00:00 GMT')).toBe(43_200);
  });

  it('plans only what the NextAttempt schema accepts', () => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
      expect(() =>
        NextAttempt.parse(planNextAttempt({ attempt, outcome: failure(429, '60'), now: START, random: Math.random })),
      ).not.toThrow();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and the three HTTP-date formats, relative to the given now', () => {
    const now = new Date('1994-11-06T08:49:00.000Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 120 ', now)).toBe(120);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(37);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37);
  });

  it('ignores negative numbers, dates in the past, and anything else', () => {
    const now = new Date('1994-11-06T08:49:00.000Z');
    for (const garbage of [
      '-5',
      '1.5',
      '1e3',
      'soon',
      'Sun, 06 Nov 1994 08:48:00 GMT',
      '2026-03-02',
      '',
      null,
      undefined,
    ])
      expect(parseRetryAfter(garbage, now), String(garbage)).toBeUndefined();
  });
});

describe('retry delays, for any random source and any sequence of failures', () => {
  const failureOutcome: fc.Arbitrary<DeliveryOutcome> = fc.oneof(
    fc.record({
      kind: fc.constant('response' as const),
      status: fc.oneof(
        fc.integer({ min: 100, max: 199 }),
        fc.integer({ min: 300, max: 409 }),
        fc.integer({ min: 411, max: 999 }),
      ),
      retryAfter: fc.option(
        fc.oneof(
          fc.nat({ max: 200_000 }).map(String),
          fc.integer({ min: -200_000, max: 200_000 }).map((s) => new Date(START.getTime() + s * 1000).toUTCString()),
          fc.string(),
        ),
      ),
    }),
    fc.constant({ kind: 'timeout' as const }),
    fc.constant({ kind: 'network' as const }),
    fc.constant({ kind: 'refused-address' as const }),
  );
  // Any double, NaN and out-of-range values included: a broken source must not break the bounds.
  const randomSource = fc.array(fc.double(), { minLength: 1, maxLength: 20 });

  it('stay within [schedule × 0.9, max(schedule × 1.1, Retry-After)] ∩ [0, 43200]', () => {
    fc.assert(
      fc.property(
        randomSource,
        fc.array(failureOutcome, { minLength: MAX_ATTEMPTS, maxLength: MAX_ATTEMPTS }),
        (values, outcomes) => {
          let i = 0;
          const random = () => values[i++ % values.length]!;
          const clock = fakeClock(START);
          outcomes.forEach((outcome, index) => {
            const attempt = index + 1;
            const plan = planNextAttempt({ attempt, outcome, now: clock.now(), random });
            if (attempt === MAX_ATTEMPTS) return expect(plan).toEqual({ kind: 'exhausted' });
            const delay = retryDelay(plan);
            const scheduled = DELIVERY_SCHEDULE_SECONDS[attempt]!;
            const verdict = classifyResponse(outcome, clock.now());
            const retryAfter = verdict.kind === 'retry' ? (verdict.retryAfterSeconds ?? 0) : 0;
            expect(delay).toBeGreaterThanOrEqual(scheduled * 0.9);
            expect(delay).toBeLessThanOrEqual(Math.max(scheduled * 1.1, retryAfter));
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(43_200);
            clock.advance(delay);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
