import { describe, expect, it } from 'vitest';
import { MemoryChangeStore } from '../../../../adapters/memory/change-store.ts';
import { MemoryChannelStore } from '../../../../adapters/memory/channel-store.ts';
import { appendOnce } from '../../../../core/changes/feed.ts';
import type { WebhookSend } from '../../../../core/delivery/deliver-event.ts';
import { WEBHOOK_READER, notifyingChanges, pushChanges } from '../../../../core/delivery/push-changes.ts';
import { DELIVERY_SCHEDULE_SECONDS, MAX_ATTEMPTS } from '../../../../core/delivery/retry-schedule.ts';
import type { ChangeType } from '../../../../schemas/api/changes.ts';

const ORG = 'org_divas';
const own = { kind: 'record', organisationId: ORG } as const;
const change = (n: number, type: 'record.created' | 'record.updated' = 'record.created') => ({
  type,
  at: '2026-12-01T09:00:00.000Z',
  recordId: `rec_${'abcdefghijklmnopqrstuvwxyz'[n]!.repeat(26)}`,
  contentHash: String(n).padStart(64, '0'),
});
const message = { type: 'changes.push', version: 1, organisationId: ORG, sequence: 1 } as const;

async function setup(subscribed: ChangeType[] | undefined, answers: Array<Awaited<ReturnType<WebhookSend>>> = []) {
  const channels = new MemoryChannelStore();
  await channels.put(
    {
      kind: 'webhook',
      organisationId: ORG,
      url: 'https://divas.example.org/hook',
      events: 'thin',
      configuredAt: '2026-12-01T09:00:00.000Z',
      ...(subscribed ? { changes: subscribed } : {}),
    },
    'whsec_c2VjcmV0c2VjcmV0',
  );
  const nudges: Array<[string, number]> = [];
  const pushes = { nudge: async (org: string, sequence: number) => void nudges.push([org, sequence]) };
  const store = new MemoryChangeStore();
  const sent: Array<Parameters<WebhookSend>[0]> = [];
  const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
  const deps = {
    channels,
    changes: notifyingChanges(store, { channels, pushes }),
    pushes,
    clock,
    random: () => 0.5,
    send: (async (request) => {
      sent.push(request);
      return answers.shift() ?? { kind: 'response', status: 204, durationMs: 3 };
    }) as WebhookSend,
  };
  return { deps, store, sent, nudges };
}

describe('pushing the change feed to a subscribed webhook', () => {
  it('queues a push for each change of a subscribed type, and none for the others', async () => {
    const { deps, nudges } = await setup(['record.created']);
    await appendOnce(deps, ORG, 'k1', own, change(1));
    await appendOnce(deps, ORG, 'k2', own, change(2, 'record.updated'));
    expect(nudges).toEqual([[ORG, 1]]);
  });

  it('sends the subscribed changes in feed order, one signed message each under the change id, and keeps its place', async () => {
    const { deps, sent, store } = await setup(['record.created']);
    await appendOnce(deps, ORG, 'k1', own, change(1));
    await appendOnce(deps, ORG, 'k2', own, change(2, 'record.updated'));
    await appendOnce(deps, ORG, 'k3', own, change(3));
    expect(await pushChanges(deps, message)).toEqual({ kind: 'done' });
    const bodies = sent.map((s) => JSON.parse(s.body));
    expect(bodies.map((b) => [b.type, b.data.sequence, b.data.recordId])).toEqual([
      ['record.created', 1, change(1).recordId],
      ['record.created', 3, change(3).recordId],
    ]);
    expect(sent.map((s) => s.messageId)).toEqual(bodies.map((b) => b.data.id));
    expect(sent.every((s) => s.secret === 'whsec_c2VjcmV0c2VjcmV0' && s.url === 'https://divas.example.org/hook')).toBe(
      true,
    );
    expect(await store.readerPosition(ORG, WEBHOOK_READER)).toBe(3);
    // A copy of the message, or the next one: nothing again.
    expect(await pushChanges(deps, message)).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(2);
  });

  it('holds a failing change and every later one on the schedule, then gives it up and goes on in a fresh message', async () => {
    const failing = Array.from(
      { length: MAX_ATTEMPTS },
      () => ({ kind: 'response', status: 503, durationMs: 2 }) as const,
    );
    const { deps, sent, nudges } = await setup(['record.created'], [...failing]);
    await appendOnce(deps, ORG, 'k1', own, change(1));
    await appendOnce(deps, ORG, 'k2', own, change(2));
    nudges.length = 0;
    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const result = await pushChanges(deps, message);
      expect(result.kind).toBe('retry');
      if (result.kind === 'retry') delays.push(result.delaySeconds);
    }
    expect(delays).toEqual(DELIVERY_SCHEDULE_SECONDS.slice(1));
    expect(new Set(sent.map((s) => JSON.parse(s.body).data.sequence))).toEqual(new Set([1]));
    expect(await pushChanges(deps, message)).toEqual({ kind: 'done' });
    expect(nudges).toEqual([[ORG, 1]]);
    expect(await pushChanges(deps, message)).toEqual({ kind: 'done' });
    expect(JSON.parse(sent.at(-1)!.body).data.sequence).toBe(2);
  });

  it('pushes nothing to an organisation with no subscription, an inbox, or no channel', async () => {
    const { deps, sent, nudges } = await setup(undefined);
    await appendOnce(deps, ORG, 'k1', own, change(1));
    expect(nudges).toEqual([]);
    expect(await pushChanges(deps, message)).toEqual({ kind: 'done' });
    expect(await pushChanges(deps, { ...message, organisationId: 'org_nobody' })).toEqual({ kind: 'done' });
    expect(sent).toEqual([]);
  });
});
