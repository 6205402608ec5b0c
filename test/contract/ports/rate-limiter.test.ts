import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoRateLimiter } from '../../../adapters/dynamodb/rate-limiter.ts';
import { MemoryRateLimiter } from '../../../adapters/memory/rate-limiter.ts';
import type { Clock, RateLimiter } from '../../../core/ports.ts';
import { type TestDynamo, startTestDynamo } from '../../support/local-dynamo.ts';
import { rateLimiterContract } from './rate-limiter.contract.ts';

let db: TestDynamo;
beforeAll(async () => {
  db = await startTestDynamo();
});
afterAll(() => db?.close());

describe.each<[string, (clock: Clock) => RateLimiter]>([
  ['MemoryRateLimiter', (clock) => new MemoryRateLimiter(clock)],
  ['DynamoRateLimiter on dynalite', (clock) => new DynamoRateLimiter(db.doc, db.tables.limits, clock)],
])('RateLimiter contract: %s', (_name, limiter) => rateLimiterContract(limiter));
