import type { ChangeStore } from '../changes/ports.ts';
import { appendReferralChange } from '../changes/referral-changes.ts';
import type { Clock } from '../ports.ts';
import { eventIdFor, eventOf } from '../referrals/events.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import { viewOf } from '../referrals/read.ts';
import type { ReferralEventMessage } from '../../schemas/messages/referral-event.ts';
import type { DeliveryFact, Referral, ReferralEvent } from '../../schemas/canonical/referral.ts';
import type { DeliveryOutcome } from '../../schemas/api/deliveries.ts';
import type { AttemptRecorder } from './attempt-recorder.ts';
import type { ChannelStore } from './channels.ts';
import { deliveryAttempt } from './attempt-record.ts';
import { MAX_ATTEMPTS, classifyResponse, planNextAttempt } from './retry-schedule.ts';

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
  attempts: AttemptRecorder;
  send: WebhookSend;
  clock: Clock;
  random: () => number;
  /** The change feed's outbox: this function appends referral changes and delivery outcomes (core/changes/referral-changes.ts). */
  changes: ChangeStore;
}

/** What the queue should do with the message next. */
export type DeliveryResult =
  | { kind: 'done' }
  /** Nothing to deliver: the change the message was queued for was never stored (see `queueChange`). */
  | { kind: 'dropped'; why: 'change-not-stored' | 'superseded' }
  | { kind: 'retry'; delaySeconds: number }
  | { kind: 'dead' };

/** What the queue says of this receipt of the message. */
export interface Receipt {
  /** How many times the queue has handed the message out, this time included (SQS ApproximateReceiveCount). */
  receives?: number;
  /** When the message was sent (SQS SentTimestamp). */
  sentAt?: Date;
}

/**
 * How long a message may name a version its referral does not have yet. The event is queued just before
 * the write that makes the change (core/referrals/queue-event.ts), so a message can arrive first: it is
 * looked at again after 1 s, then every 15 s. Past this (four times as long as an HTTP function may run,
 * 15 s, so the write can no longer be under way) it has failed, and the message is dropped. About nine
 * receives at most: far from the DLQ's maxReceiveCount.
 */
export const UNSTORED_CHANGE_WAIT_SECONDS = 60;

/**
 * Delivers one referral event to its recipient's channel. An organisation with no channel, or an inbox,
 * gets it in its inbox. A webhook gets a signed POST of the event: `full`, the referral as the recipient
 * may see it (through the access policy, so a receiver whose grant has ended gets no child), or `thin`, ids
 * only. Attempts are counted in the store; the schedule decides when to retry, and after the last attempt
 * the message is left to go to the DLQ and both sides read the referral as undeliverable. An event already
 * delivered is not sent again: a spare copy of its message (a retried request, a redelivery after a crash)
 * is done at once.
 */
export async function deliverEvent(
  deps: DeliveryDeps,
  message: ReferralEventMessage,
  receipt: Receipt = {},
): Promise<DeliveryResult> {
  const referral = await deps.referrals.get(message.referralId);
  if (!referral?.history.some((h) => h.version === message.referralVersion)) {
    const waited = receipt.sentAt ? (deps.clock.now().getTime() - receipt.sentAt.getTime()) / 1000 : Infinity;
    if (waited >= UNSTORED_CHANGE_WAIT_SECONDS) return { kind: 'dropped', why: 'change-not-stored' };
    return { kind: 'retry', delaySeconds: waited < 5 ? 1 : 15 };
  }
  const event = eventOf(referral, message.referralVersion);
  // Another change took this version first (the two sides raced): its own message carries its event.
  if (event.id !== message.eventId) return { kind: 'dropped', why: 'superseded' };
  // The change is stored: it goes to both parties' change feeds (once per change, see referral-changes.ts).
  await appendReferralChange(deps, referral, event, 'referral.status-changed');
  // Delivered already: a copy of the message, or a function that died after the fact and before its feed entry.
  if (hasFact(referral, event, 'delivered')) {
    await appendReferralChange(deps, referral, event, 'referral.delivered', factAt(referral, event, 'delivered'));
    return { kind: 'done' };
  }
  // Order per referral, whatever the queue does: an event waits while an earlier one to the same recipient
  // is not delivered yet. SQS FIFO (and the local SQS, adapters/local/sqs-fidelity.ts) already holds it
  // back; this keeps the order should a message still come out of turn (an operator's own send, a copy
  // queued again). Waiting is no attempt: nothing is sent, counted or logged.
  if (earlierUndelivered(referral, event)) return { kind: 'retry', delaySeconds: ORDER_WAIT_SECONDS };
  const now = deps.clock.now();
  const fact = (kind: 'delivered' | 'undeliverable', channel: 'webhook' | 'inbox'): DeliveryFact => ({
    fact: kind,
    at: deps.clock.now().toISOString(),
    toOrganisationId: event.recipientOrganisationId,
    version: event.version,
    channel,
  });
  const configured = await deps.channels.get(event.recipientOrganisationId);
  if (!configured || configured.channel.kind === 'inbox' || !configured.secret) {
    await deps.referrals.putInInbox(event);
    const delivered = fact('delivered', 'inbox');
    await deps.referrals.addFact(referral.id, delivered);
    await appendReferralChange(deps, referral, event, 'referral.delivered', delivered.at);
    return { kind: 'done' };
  }
  const { channel, secret } = configured;
  const count = () => deps.channels.nextAttempt(event.recipientOrganisationId, `${event.id}#${message.series ?? 0}`);
  // A message's first receive is its first attempt, counted only if it fails: a delivery that succeeds at
  // once (nearly all) costs no counter write. Any later receive counts before sending, so a crash while
  // sending still uses up an attempt. (A crash during a first attempt goes uncounted: one attempt more.)
  const first = receipt.receives === 1;
  const counted = first ? undefined : await count();
  // Past the schedule: the message is only on its way to the DLQ (it takes a few receives to get there).
  // If its last attempt ended in a crash (a function killed or timed out records nothing), the event is
  // not marked yet: it is now, once, so that both sides read it undeliverable and the referral's later
  // events go on.
  if (counted !== undefined && counted > MAX_ATTEMPTS) {
    const given = hasFact(referral, event, 'undeliverable') ? factAt(referral, event, 'undeliverable') : undefined;
    const undeliverable = fact('undeliverable', 'webhook');
    if (given === undefined) await deps.referrals.addFact(referral.id, undeliverable);
    await appendReferralChange(deps, referral, event, 'referral.undeliverable', given ?? undeliverable.at);
    return { kind: 'dead' };
  }
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
  const attempt = counted ?? (classifyResponse(outcome, now).kind === 'delivered' ? 1 : await count());
  const plan = planNextAttempt({ attempt, outcome, now, random: deps.random });
  // A 410 disables the endpoint; the event itself is then scheduled as after a network failure.
  if (plan.kind === 'disable') await deps.channels.setDisabled(event.recipientOrganisationId, now.toISOString());
  const next =
    plan.kind === 'disable'
      ? planNextAttempt({ attempt, outcome: { kind: 'network' }, now, random: deps.random })
      : plan;
  const result: DeliveryResult =
    next.kind === 'delivered'
      ? { kind: 'done' }
      : next.kind === 'retry' && attempt < MAX_ATTEMPTS
        ? { kind: 'retry', delaySeconds: next.delaySeconds }
        : { kind: 'dead' };
  const settled =
    result.kind === 'retry' ? undefined : fact(result.kind === 'done' ? 'delivered' : 'undeliverable', 'webhook');
  await deps.attempts.record(
    event.recipientOrganisationId,
    {
      ...deliveryAttempt({ attempt, at: now, outcome, durationMs: outcome.durationMs, next: plan }),
      ...(channel.disabledSince ? { outcome: 'disabled' as const } : {}),
      eventId: event.id,
      referralId: referral.id,
      referralVersion: event.version,
    },
    settled ? { referralId: referral.id, fact: settled } : undefined,
  );
  if (settled) {
    const type = settled.fact === 'delivered' ? 'referral.delivered' : 'referral.undeliverable';
    await appendReferralChange(deps, referral, event, type, settled.at);
  }
  return result;
}

/** How long an event waits for an earlier one to the same recipient before it is looked at again. */
const ORDER_WAIT_SECONDS = 2;

const idsWith = (referral: Referral, facts: ReadonlyArray<DeliveryFact['fact']>) =>
  new Set(
    referral.delivery
      .filter((f) => facts.includes(f.fact))
      .map((f) => eventIdFor(referral.id, f.version, f.toOrganisationId)),
  );

const hasFact = (referral: Referral, event: ReferralEvent, fact: DeliveryFact['fact']) =>
  idsWith(referral, [fact]).has(event.id);

/** When a fact of this event was recorded (for a feed entry appended after the fact). */
const factAt = (referral: Referral, event: ReferralEvent, fact: DeliveryFact['fact']): string =>
  referral.delivery.find((f) => f.fact === fact && eventIdFor(referral.id, f.version, f.toOrganisationId) === event.id)!
    .at;

/**
 * An earlier event to the same recipient that is neither delivered nor given up on (undeliverable: it is in
 * the DLQ, and the events after it go on, as SQS lets a group go on once its head has moved to the DLQ).
 */
function earlierUndelivered(referral: Referral, event: ReferralEvent): boolean {
  const delivered = idsWith(referral, ['delivered', 'undeliverable']);
  return referral.history.some((h) => {
    if (h.version >= event.version) return false;
    const earlier = eventOf(referral, h.version);
    // Addressed to the same recipient: then it has the id this recipient's event of that version would have.
    return (
      earlier.id === eventIdFor(referral.id, h.version, event.recipientOrganisationId) && !delivered.has(earlier.id)
    );
  });
}
