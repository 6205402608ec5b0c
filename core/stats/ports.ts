import * as z from 'zod';
import { DeliveryFact, Referral, ReferralStatus } from '../../schemas/canonical/referral.ts';
import { ChildFacts } from './facts.ts';
import type { StatsReport } from './report.ts';

/**
 * One referral as statistics need it: the parties, the service, the dates, the statuses and delivery
 * facts with their times. No reason, note, case id or child view: nothing a report does not count.
 * `childKey` says which child it is about: the referring organisation's record when it named one (record
 * ids never change, so merges and splits carry the referral with the record), else the person it named.
 */
export const ReferralFacts = z.strictObject({
  id: Referral.shape.id,
  version: z.number().int().min(1),
  childKey: z.string().optional(),
  referring: z.strictObject({ organisationId: z.string() }),
  receiving: z.strictObject({ organisationId: z.string() }),
  serviceType: Referral.shape.serviceType,
  requestedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  history: z.array(z.strictObject({ status: ReferralStatus, at: z.iso.datetime() })),
  delivery: z.array(z.strictObject({ fact: DeliveryFact.shape.fact, at: z.iso.datetime() })),
});
export type ReferralFacts = z.infer<typeof ReferralFacts>;

export const recordChildKey = (recordId: string): string => `record#${recordId}`;
export const personChildKey = (personId: string): string => `person#${personId}`;

export function referralFacts(referral: Referral): ReferralFacts {
  const { child } = referral;
  const childKey = child.recordId
    ? recordChildKey(child.recordId)
    : child.personId
      ? personChildKey(child.personId)
      : undefined;
  return {
    id: referral.id,
    version: referral.version,
    ...(childKey ? { childKey } : {}),
    referring: { organisationId: referral.referring.organisationId },
    receiving: { organisationId: referral.receiving.organisationId },
    serviceType: referral.serviceType,
    requestedAt: referral.requestedAt,
    dueAt: referral.dueAt,
    history: referral.history.map((h) => ({ status: h.status, at: h.at })),
    delivery: referral.delivery.map((d) => ({ fact: d.fact, at: d.at })),
  };
}

/** A national table as first published: what is answered for its (period, dimensions, age set) from then on. */
export interface Publication {
  key: string;
  report: StatsReport;
}

/**
 * The statistics projection: one ChildFacts row per active registry person, one row per referral, and
 * the national tables already published. Rows are whole-row overwrites computed from current state, so
 * the order of two writes for one child is what matters: the refresh queue serialises them per person.
 */
export interface StatsStore {
  getChild(personId: string): Promise<ChildFacts | undefined>;
  putChild(facts: ChildFacts): Promise<void>;
  deleteChild(personId: string): Promise<void>;
  /** Keeps the higher version: a late refresh with an older read of the referral changes nothing. */
  putReferral(facts: ReferralFacts): Promise<void>;
  getReferral(id: string): Promise<ReferralFacts | undefined>;
  /** The referrals about any of these children (childKey values); may lag a write by an instant (an index). */
  referralsOf(childKeys: readonly string[]): Promise<ReferralFacts[]>;
  /** Every child row and every referral row: what one report reads. */
  readAll(): Promise<{ children: ChildFacts[]; referrals: ReferralFacts[] }>;
  getPublication(key: string): Promise<Publication | undefined>;
  /** Stores the publication unless one exists for its key; answers the one that stands (first wins). */
  publish(publication: Publication): Promise<Publication>;
}

/** Asks for refreshes, each after the change it follows is stored (SQS FIFO, one group per person). */
export interface StatsRefreshQueue {
  /** Persons whose rows to compute again; a referral too when its row must be written first. */
  refresh(requests: ReadonlyArray<{ personId?: string; referralId?: string }>): Promise<void>;
}
