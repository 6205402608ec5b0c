import { recordIdFor } from '../records/record-id.ts';
import type { Referral, ReferralEvent } from '../../schemas/canonical/referral.ts';

/**
 * A referral's history is its event log: each version is one event for the organisation that did not
 * make the change (a new referral for the receiver; an acceptance or completion for the referrer; a
 * cancellation by the referrer for the receiver). The referrer's record of withdrawn consent is the
 * receiver's purge notice, `consent.revoked`. The id is derived, so the receiver deduplicates on it and a redelivery
 * or a retried step carries the same id.
 */
export const eventIdFor = (referralId: string, version: number, recipientOrganisationId: string): string =>
  `evt_${recordIdFor('referral-event', `${referralId}\u0000${version}\u0000${recipientOrganisationId}`).slice(4)}`;

export function eventOf(
  referral: Pick<Referral, 'id' | 'referring' | 'receiving' | 'history'>,
  version: number,
): ReferralEvent {
  const entry = referral.history.find((h) => h.version === version);
  if (!entry) throw new Error(`referral ${referral.id} has no version ${version}`);
  const recipient = entry.side === 'referring' ? referral.receiving.organisationId : referral.referring.organisationId;
  const type =
    entry.status === 'requested'
      ? 'referral.requested'
      : entry.side === 'referring' && entry.reasonCode === 'consent-withdrawn'
        ? 'consent.revoked'
        : 'referral.status-changed';
  return {
    id: eventIdFor(referral.id, version, recipient),
    type,
    referralId: referral.id,
    version,
    status: entry.status,
    recipientOrganisationId: recipient,
    at: entry.at,
  };
}
