import type { DeliveryFact, Referral } from '../../schemas/canonical/referral.ts';
import type { Clock } from '../ports.ts';
import { eventOf } from './events.ts';
import type { ReferralQueue } from './ports.ts';

type QueueDeps = { queue: ReferralQueue; clock: Clock };

/**
 * Queues the event of a change before the write that makes the change, and returns the `queued` fact for
 * that write to record. So no change is ever stored without its event on the queue (an acknowledged
 * change always reaches the other side, with no outbox to sweep), and `queued` is recorded only for an
 * event that was. When the write then fails (the other side moved first, the table refused), the message
 * names a version that never came to exist, or one another change made: the delivery function drops it or
 * delivers that change's event (core/delivery/deliver-event.ts).
 */
export async function queueChange(deps: QueueDeps, changed: Referral, version: number): Promise<DeliveryFact> {
  const event = eventOf(changed, version);
  await deps.queue.enqueue(event);
  return {
    fact: 'queued',
    at: deps.clock.now().toISOString(),
    toOrganisationId: event.recipientOrganisationId,
    version,
  };
}

/** Queues again the event of a change already stored (a retried request); the queue and the consumer absorb copies. */
export const requeue = (deps: Pick<QueueDeps, 'queue'>, stored: Referral, version: number): Promise<void> =>
  deps.queue.enqueue(eventOf(stored, version));
