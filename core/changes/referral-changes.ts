import type { Referral, ReferralEvent } from '../../schemas/canonical/referral.ts';
import { type FeedDeps, appendOnce } from './feed.ts';

type ReferralChangeType = 'referral.status-changed' | 'referral.delivered' | 'referral.undeliverable';

/**
 * A referral's changes, appended by the delivery function (core/delivery/deliver-event.ts) rather than by
 * the requests that make them. A change's event is queued before its write, so a request cannot append
 * after its write without a second window to crash in; the delivery function, though, handles every
 * change's event until it is done (SQS redelivers it otherwise), checks first that the change was stored
 * (a message for a write that failed is dropped, and so appends nothing), and records the delivery facts
 * itself. So each status change and each delivery outcome is appended at least once, and, under its
 * once-key, once when nothing crashes. Both parties get the entry in their feed: both read the referral's
 * tracking.
 */
export async function appendReferralChange(
  deps: FeedDeps,
  referral: Pick<Referral, 'id' | 'referring' | 'receiving'>,
  event: ReferralEvent,
  type: ReferralChangeType,
  at: string = event.at,
): Promise<void> {
  const subject = {
    kind: 'referral',
    referringOrganisationId: referral.referring.organisationId,
    receivingOrganisationId: referral.receiving.organisationId,
  } as const;
  const change = { type, at, referralId: referral.id, referralVersion: event.version, status: event.status };
  await Promise.all(
    [...new Set([subject.referringOrganisationId, subject.receivingOrganisationId])].map((feed) =>
      appendOnce(deps, feed, `${type}:${event.id}`, subject, change),
    ),
  );
}
