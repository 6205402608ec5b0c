import type { DeliveryFact, Referral, ReferralEvent, StatusEntry } from '../../schemas/canonical/referral.ts';

/** The consent record a referral was made under, if its consent names one. */
export const consentReferenceOf = (r: Referral): string | undefined =>
  r.consent.basis === 'consent' ? r.consent.reference : undefined;

/** A stored referral with the facts recorded about its delivery, read in one go. */
export type StoredReferral = Referral;

export interface ReferralPage<T> {
  items: T[];
  /** The store's own position; the API seals it before handing it out. */
  nextCursor?: string;
}

export interface ReferralQuery {
  organisationId: string;
  role: 'sent' | 'received';
  status?: Referral['status'];
  cursor?: string;
  limit: number;
}

/**
 * Referrals, their delivery facts, and the inbox of organisations without a server. A referral is one
 * item written with one conditional write: its history is its event log (core/referrals/events.ts derives
 * each event from it), so no event can exist for a change that did not happen. Facts are appended apart,
 * so recording a delivery never races a status change.
 */
export interface ReferralStore {
  /**
   * Stores a new referral, with the facts it carries (the `queued` one) in the same write; `exists` if
   * the id is taken (a retried creation).
   */
  create(referral: Referral): Promise<'created' | 'exists'>;
  get(id: string): Promise<StoredReferral | undefined>;
  /**
   * Appends a status entry if the referral is still at `expectedVersion`; `conflict` otherwise. `patch`
   * sets the receiver's case id or the revocation time, and `facts` are recorded, with the same write.
   */
  change(
    id: string,
    expectedVersion: number,
    entry: StatusEntry,
    patch?: ReferralPatch,
    facts?: readonly DeliveryFact[],
  ): Promise<StoredReferral | 'conflict'>;
  addFact(referralId: string, fact: DeliveryFact): Promise<void>;
  list(query: ReferralQuery): Promise<ReferralPage<StoredReferral>>;
  /**
   * The ids of the referrals an organisation sent under one consent record (`consent.reference`), oldest
   * first. Keyed by the referring organisation, so another organisation's form of the same id is never found.
   */
  listByConsent(referringOrganisationId: string, reference: string): Promise<string[]>;
  /** Puts an event in its recipient's inbox; putting the same event again changes nothing. */
  putInInbox(event: ReferralEvent): Promise<void>;
  /** Events addressed to an organisation, in the order they reached the inbox: the polled inbox. */
  inbox(organisationId: string, cursor: string | undefined, limit: number): Promise<ReferralPage<ReferralEvent>>;
}

/** What a change may set besides its status entry. */
export type ReferralPatch = Partial<Pick<Referral, 'consentRevokedAt'>> & { receiverCaseId?: string };

/** The referral after one change: the rule both stores apply, so they cannot disagree on it. */
export function withChange(current: Referral, entry: StatusEntry, patch: ReferralPatch = {}): Referral {
  const { receiverCaseId, ...rest } = patch;
  return {
    ...current,
    ...rest,
    receiving: receiverCaseId ? { ...current.receiving, caseId: receiverCaseId } : current.receiving,
    version: entry.version,
    status: entry.status,
    history: [...current.history, entry],
    updatedAt: entry.at,
  };
}

/** Hands referral events to the delivery function (SQS FIFO: a group per referral, in version order). */
export interface ReferralQueue {
  /** Throws when the event could not be queued; queueing the same event again is harmless. */
  enqueue(event: ReferralEvent): Promise<void>;
}
