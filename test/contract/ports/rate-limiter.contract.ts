import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Clock, RateLimiter } from '../../../core/ports.ts';

/** A clock the test moves by hand. */
function testClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (iso) => (now = new Date(iso)) };
}

/** What the rate-limited routes rely on from any limiter: exact fixed windows, per key. */
export function rateLimiterContract(limiter: (clock: Clock) => RateLimiter): void {
  it('allows exactly the limit per window, even under concurrency, then tells when to retry', async () => {
    const l = limiter(testClock('2026-05-01T10:00:05Z'));
    const key = `key-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 25 }, () => l.consume(key, 10, 60)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(10);
    expect(answers.filter((a) => !a.allowed).map((a) => a.retryAfterSeconds)).toEqual(Array(15).fill(55));
    expect(answers.find((a) => a.allowed)?.retryAfterSeconds).toBe(0);
  });

  it('counts each key separately and starts afresh in the next window', async () => {
    const clock = testClock('2026-05-01T10:00:59Z');
    const l = limiter(clock);
    const [a, b] = [`key-${randomUUID()}`, `key-${randomUUID()}`];
    expect((await l.consume(a, 1, 60)).allowed).toBe(true);
    expect(await l.consume(a, 1, 60)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await l.consume(b, 1, 60)).allowed).toBe(true);
    clock.set('2026-05-01T10:01:00Z');
    expect((await l.consume(a, 1, 60)).allowed).toBe(true);
  });
}
