import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsStatsRefreshQueue } from '../../../../adapters/sqs/stats-refresh-queue.ts';
import { StatsRefreshMessage } from '../../../../schemas/messages/stats-refresh.ts';

const sqs = mockClient(SQSClient);
const URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/relais-statsRefresh.fifo';
beforeEach(() => sqs.reset());

const sent = () => sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);

describe('the statistics refresh queue', () => {
  it("groups by person, and draws a deduplication id per send: the same child's second refresh is never dropped", async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsStatsRefreshQueue(new SQSClient({ region: 'eu-west-1' }), URL);
    await queue.refresh([{ personId: 'per_a' }]);
    await queue.refresh([{ personId: 'per_a' }]);
    const [first, second] = sent();
    expect(first!.MessageGroupId).toBe('per_a');
    expect(second!.MessageGroupId).toBe('per_a');
    expect(first!.MessageDeduplicationId).not.toBe(second!.MessageDeduplicationId);
    expect(StatsRefreshMessage.parse(JSON.parse(first!.MessageBody!))).toEqual({
      type: 'stats.refresh',
      version: 1,
      personId: 'per_a',
    });
  });

  it("puts a referral whose child is unknown in the referral's own group, sends in batches of ten, and throws when any is refused", async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = new SqsStatsRefreshQueue(new SQSClient({ region: 'eu-west-1' }), URL);
    const referralId = `ref_${'a'.repeat(26)}`;
    await queue.refresh([{ referralId }, ...Array.from({ length: 11 }, (_, i) => ({ personId: `per_${i}` }))]);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
    expect(sent()[0]!.MessageGroupId).toBe(referralId);
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'x', SenderFault: false }] });
    await expect(queue.refresh([{ personId: 'per_a' }])).rejects.toThrow(/not queued/);
  });
});
