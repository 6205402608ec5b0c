import type { ChangesPushMessage } from '../../schemas/messages/changes-push.ts';
import { readChanges } from '../changes/read-changes.ts';
import type { ChangePushQueue, ChangeStore, FeedEntry } from '../changes/ports.ts';
import type { ChannelStore } from './channels.ts';
import type { DeliveryDeps, DeliveryResult } from './deliver-event.ts';
import { MAX_ATTEMPTS, planNextAttempt } from './retry-schedule.ts';

/** The reader name under which the pusher keeps its position in each feed. */
export const WEBHOOK_READER = 'webhook';
/** Changes pushed per message at most; a fuller feed queues one more push. */
const PUSH_BATCH = 25;

export type PushDeps = Pick<DeliveryDeps, 'channels' | 'send' | 'clock' | 'random'> & {
  changes: ChangeStore;
  pushes: ChangePushQueue;
};

/**
 * Pushes an organisation's change feed to its webhook, for the types it subscribed to, with the referral
 * delivery machinery rather than a second one: the same channel (URL vetted at every send, its signing
 * secret, a 410 disabling it), the same Standard Webhooks sender, the same retry schedule with attempts
 * counted in the channel store, on the same queue (a message group per organisation, so one push runs at a
 * time for it). The pusher is a consumer of the feed like any partner's: it keeps its position in the feed
 * (saved after each delivered change, so at least once, in feed order, across crashes and restarts) and a
 * change that fails waits, with every later one, on the schedule. After the last attempt the change is
 * given up on, as a referral event is, and the push goes on with the next: the partner still finds it in
 * GET /v1/changes. Each message carries one change (`webhook-id` = the change id, the same for its copies).
 */
export async function pushChanges(deps: PushDeps, message: ChangesPushMessage): Promise<DeliveryResult> {
  const organisationId = message.organisationId;
  const configured = await deps.channels.get(organisationId);
  if (configured?.channel.kind !== 'webhook' || !configured.channel.changes || !configured.secret) {
    return { kind: 'done' };
  }
  const { channel, secret } = configured;
  const subscribed = channel.changes!;
  const saved = await deps.changes.readerPosition(organisationId, WEBHOOK_READER);
  const page = await readChanges(
    deps,
    { organisationId },
    { position: saved === undefined ? undefined : String(saved), limit: PUSH_BATCH, types: subscribed },
  );
  for (const item of page.items) {
    const now = deps.clock.now();
    const { id, sequence, ...change } = item;
    const body = JSON.stringify({ type: item.type, timestamp: now.toISOString(), data: { id, sequence, ...change } });
    const outcome = channel.disabledSince
      ? ({ kind: 'refused-address' } as const)
      : await deps.send({ url: channel.url, secret, messageId: id, timestamp: now, body });
    const first = planNextAttempt({ attempt: 1, outcome, now, random: deps.random });
    if (first.kind !== 'delivered') {
      const attempt = await deps.channels.nextAttempt(organisationId, `${id}#push`);
      if (first.kind === 'disable') await deps.channels.setDisabled(organisationId, now.toISOString());
      const plan = planNextAttempt({
        attempt,
        outcome: first.kind === 'disable' ? { kind: 'network' } : outcome,
        now,
        random: deps.random,
      });
      if (plan.kind === 'retry' && attempt < MAX_ATTEMPTS) return { kind: 'retry', delaySeconds: plan.delaySeconds };
      // Given up on: the push goes on past it (the partner can still read it in GET /v1/changes), in a fresh
      // message, since this one has used up a schedule's worth of receives.
      await deps.changes.saveReaderPosition(organisationId, WEBHOOK_READER, sequence);
      await deps.pushes.nudge(organisationId, sequence);
      return { kind: 'done' };
    }
    await deps.changes.saveReaderPosition(organisationId, WEBHOOK_READER, sequence);
  }
  await deps.changes.saveReaderPosition(organisationId, WEBHOOK_READER, Number(page.nextCursor));
  // A full page may have more behind it: a fresh message carries on (a retry would use up receives).
  if (page.items.length === PUSH_BATCH) await deps.pushes.nudge(organisationId, Number(page.nextCursor));
  return { kind: 'done' };
}

/**
 * The change store, telling the pusher of each change a subscribed webhook wants, once the change's entry
 * is written (before its marker: a writer that dies between them appends again and nudges again). The
 * channel is read through the delivery path's 10 s cache, so subscribing takes effect within 10 s.
 */
export function notifyingChanges(
  store: ChangeStore,
  deps: { channels: Pick<ChannelStore, 'get'>; pushes: ChangePushQueue },
): ChangeStore {
  // A Proxy rather than a class restating the store: only claim differs.
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'claim') {
        return async (feed: string, entry: FeedEntry) => {
          const took = await target.claim(feed, entry);
          if (took && entry.kind === 'change') {
            const found = await deps.channels.get(feed);
            const wanted = found?.channel.kind === 'webhook' ? found.channel.changes : undefined;
            if (wanted?.includes(entry.change.type)) await deps.pushes.nudge(feed, entry.sequence);
          }
          return took;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
