import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { container } from '../../../functions/platform/container.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';

let api: LocalApi;
let failPutsAfter: number | undefined;
const logged: string[] = [];

beforeAll(async () => {
  api = await startLocalApi({ logLevel: 'INFO' });
  // Make the handlers' own DynamoDB client throttle record writes after a number of successes.
  await api.request('GET', '/v1/records', { headers: { 'x-api-key': api.keys.aReader } });
  // Everything handed to the logger, at every level, is what could reach CloudWatch.
  const logger = container().logger;
  for (const level of ['debug', 'info', 'warn', 'error', 'critical'] as const) {
    vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => void logged.push(JSON.stringify(args)));
  }
  container().dynamo.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      if (
        context.commandName === 'PutItemCommand' &&
        input.TableName === api.runtime.tables.records &&
        failPutsAfter !== undefined &&
        failPutsAfter-- <= 0
      ) {
        throw Object.assign(new Error('Rate exceeded for KABASELE +243812345678'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'faultInjection' },
  );
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api.close();
});

describe('ingestion when storage fails part-way', () => {
  it('answers 503 with Retry-After, then a retry with the same webhook-id stores every record exactly once', async () => {
    const batch = Array.from({ length: 40 }, (_, i) =>
      canonicalInput({
        sourceRecordId: `fault-${i}`,
        person: { name: { family: 'KABASELE', given: 'Jean' }, sex: 'male', phones: ['+243812345678'] },
      }),
    );
    failPutsAfter = 10;
    const first = await api.signedPost('src_a-signed', JSON.stringify(batch), { id: 'msg_fault-1' });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(JSON.stringify(first.body)).not.toMatch(/KABASELE|\+243|Rate exceeded/);

    failPutsAfter = undefined;
    const retry = await api.signedPost('src_a-signed', JSON.stringify(batch), { id: 'msg_fault-1' });
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const outcomes = retry.body.records.map((r: { outcome: string }) => r.outcome);
    expect(outcomes.filter((o: string) => o === 'unchanged').length).toBeGreaterThanOrEqual(10);
    expect(
      outcomes.filter((o: string) => o === 'created').length + outcomes.filter((o: string) => o === 'unchanged').length,
    ).toBe(40);

    const listed = await api.request('GET', '/v1/records?sourceId=src_a-signed&limit=200', {
      headers: { 'x-api-key': api.keys.aReader },
    });
    expect(listed.body.items).toHaveLength(40);
  });

  it('logs the failure without names, phone numbers, keys or secrets', () => {
    const text = logged.join('');
    expect(text).toMatch(/unexpected error/);
    expect(text).toMatch(/ThrottlingException/);
    expect(text).not.toMatch(/KABASELE|Jean|\+243|Rate exceeded|rlk_|whsec_/);
  });
});
