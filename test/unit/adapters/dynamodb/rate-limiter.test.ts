import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRateLimiter } from '../../../../adapters/dynamodb/rate-limiter.ts';
import { startTestDynamo, type TestDynamo } from '../../../support/local-dynamo.ts';

let db: TestDynamo;
let now = new Date('2026-05-01T10:00:05Z');
const clock = { now: () => now };

beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db.close());

describe('DynamoRateLimiter', () => {
  it('allows exactly the limit per window, even under concurrency, then tells when to retry', async () => {
    const limiter = new DynamoRateLimiter(db.doc, db.tables.limits, clock);
    const answers = await Promise.all(Array.from({ length: 25 }, () => limiter.consume('key-a', 10, 60)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(10);
    expect(answers.find((a) => !a.allowed)?.retryAfterSeconds).toBe(55);
  });

  it('counts each key separately and starts afresh in the next window', async () => {
    const limiter = new DynamoRateLimiter(db.doc, db.tables.limits, clock);
    expect((await limiter.consume('key-b', 1, 60)).allowed).toBe(true);
    expect((await limiter.consume('key-b', 1, 60)).allowed).toBe(false);
    now = new Date('2026-05-01T10:01:00Z');
    expect((await limiter.consume('key-b', 1, 60)).allowed).toBe(true);
  });
});
