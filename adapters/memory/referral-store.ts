import {
  type ReferralPage,
  type ReferralPatch,
  type ReferralQuery,
  type ReferralStore,
  type StoredReferral,
  consentReferenceOf,
  withChange,
} from '../../core/referrals/ports.ts';
import type { DeliveryFact, Referral, ReferralEvent, StatusEntry } from '../../schemas/canonical/referral.ts';

const copy = <T>(value: T): T => structuredClone(value);
const orderOf = (r: Referral) => `${r.requestedAt}#${r.id}`;
/** The inbox keeps the order events arrived in; ties (one millisecond) fall back on the event id. */
const inboxOrderOf = (e: ReferralEvent & { inboxAt?: string }) => `${e.inboxAt}#${e.id}`;

/** Referrals in process memory, with the DynamoDB store's rules; for unit tests. */
export class MemoryReferralStore implements ReferralStore {
  private readonly referrals = new Map<string, Referral>();
  private readonly facts = new Map<string, DeliveryFact[]>();
  private readonly events = new Map<string, ReferralEvent & { inboxAt?: string }>();

  async create(referral: Referral): Promise<'created' | 'exists'> {
    if (this.referrals.has(referral.id)) return 'exists';
    this.referrals.set(referral.id, copy({ ...referral, delivery: [] }));
    this.facts.set(referral.id, copy(referral.delivery));
    return 'created';
  }

  async get(id: string): Promise<StoredReferral | undefined> {
    const referral = this.referrals.get(id);
    if (!referral) return undefined;
    const facts = [...(this.facts.get(id) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
    return copy({ ...referral, delivery: facts });
  }

  async change(
    id: string,
    expectedVersion: number,
    entry: StatusEntry,
    patch: ReferralPatch = {},
    facts: readonly DeliveryFact[] = [],
  ): Promise<StoredReferral | 'conflict'> {
    const current = this.referrals.get(id);
    if (!current || current.version !== expectedVersion) return 'conflict';
    const next = withChange(current, entry, patch);
    this.referrals.set(id, copy(next));
    for (const fact of facts) await this.addFact(id, fact);
    return (await this.get(id))!;
  }

  async addFact(referralId: string, fact: DeliveryFact): Promise<void> {
    this.facts.set(referralId, [...(this.facts.get(referralId) ?? []), copy(fact)]);
  }

  async putInInbox(event: ReferralEvent): Promise<void> {
    if (!this.events.has(event.id)) this.events.set(event.id, copy({ ...event, inboxAt: new Date().toISOString() }));
  }

  async list(query: ReferralQuery): Promise<ReferralPage<StoredReferral>> {
    const party = (r: Referral) => (query.role === 'sent' ? r.referring : r.receiving).organisationId;
    const all = [...this.referrals.values()]
      .filter((r) => party(r) === query.organisationId && (query.status === undefined || r.status === query.status))
      .sort((a, b) => orderOf(b).localeCompare(orderOf(a)));
    const after = query.cursor ? all.filter((r) => orderOf(r) < query.cursor!) : all;
    const page = after.slice(0, query.limit);
    const items = await Promise.all(page.map(async (r) => (await this.get(r.id))!));
    return after.length > query.limit ? { items, nextCursor: orderOf(page.at(-1)!) } : { items };
  }

  async listByConsent(referringOrganisationId: string, reference: string): Promise<string[]> {
    return [...this.referrals.values()]
      .filter((r) => r.referring.organisationId === referringOrganisationId && consentReferenceOf(r) === reference)
      .sort((a, b) => orderOf(a).localeCompare(orderOf(b)))
      .map((r) => r.id);
  }

  async inbox(organisationId: string, cursor: string | undefined, limit: number): Promise<ReferralPage<ReferralEvent>> {
    const all = [...this.events.values()]
      .filter((e) => e.recipientOrganisationId === organisationId)
      .sort((a, b) => inboxOrderOf(a).localeCompare(inboxOrderOf(b)));
    const after = cursor ? all.filter((e) => inboxOrderOf(e) > cursor) : all;
    const page = after.slice(0, limit);
    const items = page.map(({ inboxAt: _at, ...event }) => copy(event));
    const last = page.at(-1);
    const nextCursor = last ? inboxOrderOf(last) : cursor;
    return nextCursor ? { items, nextCursor } : { items };
  }
}
