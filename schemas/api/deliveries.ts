import * as z from 'zod';

/**
 * Outbound webhook deliveries: what one attempt ended with, what Relais decided next, and the record of it
 * that the delivery Lambda stores and the API shows. Nothing here carries the payload or the receiver's
 * answer body: a delivery record holds no personal data.
 */

/** HTTP status codes are three digits; a receiver may send one no RFC names (599, 600…). */
const StatusCode = z.int().min(100).max(999);

/** How one delivery attempt ended, as the sender observed it. */
export const DeliveryOutcome = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('response'),
      status: StatusCode,
      retryAfter: z.string().nullable().optional().meta({ description: 'The Retry-After header, verbatim' }),
    }),
    z.strictObject({ kind: z.literal('timeout') }),
    z.strictObject({ kind: z.literal('network') }),
    z
      .strictObject({ kind: z.literal('refused-address') })
      .meta({ description: 'The outbound URL guard refused the address at delivery: nothing was sent' }),
  ])
  .meta({ id: 'DeliveryOutcome' });

export const DeliveryOutcomeKind = z.enum(['response', 'timeout', 'network', 'refused-address']);

/** What a response means for the delivery: done, endpoint gone (410), or try again. */
export const ResponseClass = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('delivered') }),
  z.strictObject({ kind: z.literal('gone') }),
  z.strictObject({
    kind: z.literal('retry'),
    retryAfterSeconds: z.int().min(0).optional().meta({ description: 'From Retry-After, for 429, 502, 503, 504' }),
  }),
]);

/** What Relais does after an attempt. */
export const NextAttempt = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('delivered') }),
    z.strictObject({ kind: z.literal('disable') }).meta({ description: 'The endpoint answered 410 Gone' }),
    z.strictObject({
      kind: z.literal('retry'),
      delaySeconds: z.int().min(0).max(43_200),
      at: z.iso.datetime(),
    }),
    z.strictObject({ kind: z.literal('exhausted') }).meta({ description: 'The last scheduled attempt failed' }),
  ])
  .meta({ id: 'NextAttempt' });

export const NextAttemptKind = z.enum(['delivered', 'disable', 'retry', 'exhausted']);

/** One attempt to deliver one event to one endpoint, as stored and shown to the endpoint's organisation. */
export const DeliveryAttempt = z
  .strictObject({
    attempt: z.int().min(1).meta({ description: '1 for the first attempt' }),
    at: z.iso.datetime().meta({ description: 'When the attempt started' }),
    outcome: DeliveryOutcomeKind,
    status: StatusCode.optional().meta({ description: 'The HTTP status, when the endpoint answered' }),
    durationMs: z.number().min(0),
    next: NextAttemptKind,
    nextAttemptAt: z.iso.datetime().optional().meta({ description: 'When next is retry' }),
  })
  .meta({ id: 'DeliveryAttempt' });

export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;
export type ResponseClass = z.infer<typeof ResponseClass>;
export type NextAttempt = z.infer<typeof NextAttempt>;
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;
