import type { Clock, RateLimiter } from '../../core/ports.ts';

/** Fixed windows counted in process memory, as the DynamoDB limiter counts them: for unit tests. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async consume(key: string, limit: number, windowSeconds: number) {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const windowStart = nowSeconds - (nowSeconds % windowSeconds);
    const id = `${key}#${windowStart}`;
    const used = this.hits.get(id) ?? 0;
    if (used >= limit) return { allowed: false, retryAfterSeconds: windowStart + windowSeconds - nowSeconds };
    this.hits.set(id, used + 1);
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
