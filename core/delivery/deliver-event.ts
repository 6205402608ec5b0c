import type { Clock } from '../ports.ts';
import { eventIdFor, eventOf } from '../referrals/events.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import { viewOf } from '../referrals/read.ts';
import type { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';
import type { Referral, ReferralEvent } from '../../schemas/canonical/referral.ts';
import type { DeliveryOutcome } from '../../schemas/api/deliveries.ts';
import type { ChannelStore } from './channels.ts';
import { deliveryAttempt } from './attempt-record.ts';
import { MAX_ATTEMPTS, planNextAttempt } from './retry-schedule.ts';

/** Posts one signed Standard Webhooks message (adapters/outbound/webhook-sender.ts). */
export type WebhookSend = (request: {
  url: string;
  secret: string;
  messageId: string;
  timestamp: Date;
  body: string;
}) => Promise<DeliveryOutcome & { durationMs: number }>;

export interface DeliveryDeps {
  referrals: ReferralStore;
  channels: ChannelStore;
  send: WebhookSend;
  clock: Clock;
  random: () => number;
}

/** What the queue should do with the message next. */
export type DeliveryResult = { kind: 'done' } | { kind: 'retry'; delaySeconds: number } | { kind: 'dead' };

/**
 * Delivers one referral event to its recipient's channel. An organisation with no channel, or an inbox,
 * gets it in its inbox. A webhook gets a signed POST of the event: `full`, the referral as the recipient
 * may see it (through the access policy, so a receiver whose grant has ended gets no child), or `thin`, ids
 * only. Attempts are counted in the store; the schedule decides when to retry, and after the last attempt
 * the message is left to go to the DLQ and both sides read the referral as undeliverable.
 */
export async function deliverEvent(deps: DeliveryDeps, message: ReferralEventMessage): Promise<DeliveryResult> {
  const referral = await deps.referrals.get(message.referralId);
  // A referral is never deleted; if one ever is, there is nothing left to tell.
  if (!referral) return { kind: 'done' };
  const event = eventOf(referral, message.referralVersion);
  // Order per referral, whatever the queue does: an event waits while an earlier one to the same recipient
  // is not delivered yet (SQS FIFO already holds it back; local-aws-sqs may put a message whose visibility
  // ran out behind a later one). Waiting is no attempt: nothing is sent, counted or logged.
  if (earlierUndelivered(referral, event)) return { kind: 'retry', delaySeconds: ORDER_WAIT_SECONDS };
  const now = deps.clock.now();
  const fact = (kind: 'delivered' | 'undeliverable', channel: 'webhook' | 'inbox') =>
    deps.referrals.addFact(referral.id, {
      fact: kind,
      at: deps.clock.now().toISOString(),
      toOrganisationId: event.recipientOrganisationId,
      version: event.version,
      channel,
    });
  const configured = await deps.channels.get(event.recipientOrganisationId);
  if (!configured || configured.channel.kind === 'inbox' || !configured.secret) {
    await deps.referrals.putInInbox(event);
    await fact('delivered', 'inbox');
    return { kind: 'done' };
  }
  const { channel, secret } = configured;
  const attempt = await deps.channels.nextAttempt(event.recipientOrganisationId, `${event.id}#${message.series ?? 0}`);
  // Past the schedule: the message is only on its way to the DLQ (it takes a few receives to get there).
  if (attempt > MAX_ATTEMPTS) return { kind: 'dead' };
  const body =
    channel.events === 'thin'
      ? {
          type: event.type,
          timestamp: now.toISOString(),
          data: { eventId: event.id, referralId: referral.id, version: event.version },
        }
      : {
          type: event.type,
          timestamp: now.toISOString(),
          data: { event, referral: viewOf({ organisationId: event.recipientOrganisationId }, referral, now) },
        };
  // A disabled endpoint (it answered 410) is not called; the schedule runs on, so re-enabling it in time
  // lets the event through, and otherwise it ends in the DLQ like any undeliverable event.
  const outcome: DeliveryOutcome & { durationMs: number } = channel.disabledSince
    ? { kind: 'refused-address', durationMs: 0 }
    : await deps.send({ url: channel.url, secret, messageId: event.id, timestamp: now, body: JSON.stringify(body) });
  const plan = planNextAttempt({ attempt, outcome, now, random: deps.random });
  await deps.channels.logAttempt(event.recipientOrganisationId, {
    ...deliveryAttempt({ attempt, at: now, outcome, durationMs: outcome.durationMs, next: plan }),
    ...(channel.disabledSince ? { outcome: 'disabled' as const } : {}),
    eventId: event.id,
    referralId: referral.id,
    referralVersion: event.version,
  });
  switch (plan.kind) {
    case 'delivered':
      await fact('delivered', 'webhook');
      return { kind: 'done' };
    case 'disable':
      await deps.channels.setDisabled(event.recipientOrganisationId, now.toISOString());
      return retryOrDead(
        attempt,
        planNextAttempt({ attempt, outcome: { kind: 'network' }, now, random: deps.random }),
        fact,
      );
    default:
      return retryOrDead(attempt, plan, fact);
  }
}

/** How long an event waits for an earlier one to the same recipient before it is looked at again. */
const ORDER_WAIT_SECONDS = 2;

function earlierUndelivered(referral: Referral, event: ReferralEvent): boolean {
  const delivered = new Set(
    referral.delivery
      .filter((f) => f.fact === 'delivered')
      .map((f) => eventIdFor(referral.id, f.version, f.toOrganisationId)),
  );
  return referral.history.some((h) => {
    if (h.version >= event.version) return false;
    const earlier = eventOf(referral, h.version);
    // Addressed to the same recipient: then it has the id this recipient's event of that version would have.
    return (
      earlier.id === eventIdFor(referral.id, h.version, event.recipientOrganisationId) && !delivered.has(earlier.id)
    );
  });
}

async function retryOrDead(
  attempt: number,
  plan: ReturnType<typeof planNextAttempt>,
  fact: (kind: 'undeliverable', channel: 'webhook') => Promise<void>,
): Promise<DeliveryResult> {
  if (plan.kind === 'retry' && attempt < MAX_ATTEMPTS) return { kind: 'retry', delaySeconds: plan.delaySeconds };
  await fact('undeliverable', 'webhook');
  return { kind: 'dead' };
}
