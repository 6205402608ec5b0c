import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoAttemptRecorder } from '../../../../adapters/dynamodb/attempt-recorder.ts';
import type { LoggedAttempt } from '../../../../schemas/api/delivery-channel.ts';

const attempt: LoggedAttempt = {
  eventId: 'evt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  referralId: 'ref_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  referralVersion: 1,
  attempt: 1,
  at: '2026-12-01T10:00:00.000Z',
  outcome: 'response',
  status: 204,
  durationMs: 12,
  next: 'delivered',
};
const settled = {
  referralId: attempt.referralId,
  fact: { fact: 'delivered', at: '2026-12-01T10:00:00.100Z', toOrganisationId: 'org_divas', version: 1 },
} as const;

/** A client that leaves the batch's items unprocessed for the first `throttled` requests. */
function throttling(throttled: number) {
  const batches: Array<Record<string, unknown[]>> = [];
  const doc = {
    send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
      batches.push(command.input.RequestItems);
      return { UnprocessedItems: batches.length <= throttled ? command.input.RequestItems : {} };
    },
  } as unknown as DynamoDBDocumentClient;
  return { recorder: new DynamoAttemptRecorder(doc, { deliveries: 'deliveries', referrals: 'referrals' }), batches };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the DynamoDB attempt recorder', () => {
  it('writes the log line and the fact in one request, to their two tables', async () => {
    const { recorder, batches } = throttling(0);
    await recorder.record('org_divas', attempt, settled);
    expect(batches).toHaveLength(1);
    expect(Object.keys(batches[0]!).sort()).toEqual(['deliveries', 'referrals']);
  });

  it('sends again what DynamoDB left unprocessed, until it is written', async () => {
    vi.useFakeTimers();
    const { recorder, batches } = throttling(3);
    const written = recorder.record('org_divas', attempt, settled);
    await vi.runAllTimersAsync();
    await written;
    expect(batches).toHaveLength(4);
  });

  it('fails the attempt when DynamoDB keeps leaving items unprocessed, so the message comes back', async () => {
    vi.useFakeTimers();
    const { recorder, batches } = throttling(Infinity);
    const written = recorder.record('org_divas', attempt, settled);
    const failed = expect(written).rejects.toThrow(/unwritten/);
    await vi.runAllTimersAsync();
    await failed;
    expect(batches).toHaveLength(5);
  });
});
