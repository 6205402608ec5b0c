import * as z from 'zod';
import { ChangeType } from './changes.ts';
import { DeliveryAttempt, DeliveryOutcomeKind } from './deliveries.ts';

/** A subscription to the change feed: these types are pushed to the webhook too, in feed order. */
const changes = z.array(ChangeType).min(1).max(ChangeType.options.length).optional().meta({
  description:
    'Change feed types to push to this webhook as well (GET /v1/changes items, one per message, in feed order); none when absent',
});

/**
 * How an organisation receives referral events: a Standard Webhooks endpoint it runs, or the polled inbox
 * (GET /v1/referrals/inbox) when it has no server. `thin` events carry ids only ({type, referralId,
 * version}); the receiver then reads GET /v1/referrals/{id}, each read audited, so no child data travels
 * in the webhook.
 */
export const ChannelRequest = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('webhook'),
      url: z.string().max(2000).meta({ description: 'https only; must resolve to public addresses' }),
      events: z.enum(['full', 'thin']).default('full'),
      changes,
    }),
    z.strictObject({ kind: z.literal('inbox') }),
  ])
  .meta({ id: 'ChannelRequest' });
export type ChannelRequest = z.output<typeof ChannelRequest>;

export const DeliveryChannel = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('webhook'),
      organisationId: z.string(),
      url: z.string(),
      events: z.enum(['full', 'thin']),
      configuredAt: z.iso.datetime(),
      disabledSince: z.iso.datetime().optional().meta({ description: 'Set when the endpoint answered 410 Gone' }),
      changes,
    }),
    z.strictObject({ kind: z.literal('inbox'), organisationId: z.string(), configuredAt: z.iso.datetime() }),
  ])
  .meta({ id: 'DeliveryChannel' });
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const ConfiguredChannel = z
  .strictObject({
    channel: DeliveryChannel,
    signingSecret: z
      .string()
      .optional()
      .meta({ description: 'whsec_…: shown once, when a webhook is configured; verify our signatures with it' }),
  })
  .meta({ id: 'ConfiguredChannel' });

/**
 * One delivery attempt in an endpoint's log: the attempt record, with the event it was for. `disabled`: the
 * endpoint was disabled after a 410, so nothing was sent.
 */
export const LoggedAttempt = DeliveryAttempt.extend({
  eventId: z.string(),
  referralId: z.string(),
  referralVersion: z.number().int(),
  outcome: z.enum([...DeliveryOutcomeKind.options, 'disabled']),
}).meta({ id: 'LoggedAttempt' });
export type LoggedAttempt = z.infer<typeof LoggedAttempt>;

export const ChannelHealth = z
  .strictObject({ channel: DeliveryChannel, attempts: z.array(LoggedAttempt) })
  .meta({ id: 'ChannelHealth' });
