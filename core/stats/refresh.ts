import type { RecordStore } from '../ports.ts';
import type { ReferralStore } from '../referrals/ports.ts';
import { resolvePerson } from '../registry/persons.ts';
import type { RegistryStore } from '../registry/ports.ts';
import { childFacts } from './facts.ts';
import {
  type ReferralFacts,
  type StatsRefreshQueue,
  type StatsStore,
  personChildKey,
  recordChildKey,
  referralFacts,
} from './ports.ts';
import { type ReportingConsentDeps, reportingConsentOf } from './reporting-consent.ts';

export interface RefreshDeps extends ReportingConsentDeps {
  registry: RegistryStore;
  records: Pick<RecordStore, 'get'>;
  referrals: Pick<ReferralStore, 'get'>;
  stats: StatsStore;
  queue: StatsRefreshQueue;
}

export type RefreshOutcome =
  | { outcome: 'written'; personId: string; records: number; counted: number; referrals: number }
  /** Merged (its survivor is queued for a refresh of its own) or unknown. */
  | { outcome: 'deleted'; personId: string; survivor?: string };

/**
 * Computes one child's statistics row again from current state: the person as the registry holds it,
 * its member records as stored, whether each record's source asks for reporting consent, and the
 * referrals about any of its records. Every input is read afresh, so whichever refresh of a child runs
 * last writes the last state; the queue runs a child's refreshes one at a time (functions/queues.ts).
 *
 * `referral`: a referral row just written by this refresh's caller, counted even if the index that
 * finds a child's referrals has not caught up with it yet.
 */
export async function refreshChildFacts(
  deps: RefreshDeps,
  personId: string,
  referral?: ReferralFacts,
): Promise<RefreshOutcome> {
  const person = await resolvePerson(deps.registry, personId);
  if (!person || person.id !== personId) {
    await deps.stats.deleteChild(personId);
    if (!person) return { outcome: 'deleted', personId };
    // The survivor's own group runs its refresh, so it never races another refresh of the survivor.
    await deps.queue.refresh([{ personId: person.id, ...(referral ? { referralId: referral.id } : {}) }]);
    return { outcome: 'deleted', personId, survivor: person.id };
  }
  const asks = reportingConsentOf(deps);
  const members = await Promise.all(
    person.members.map(async (m) => {
      const record = await deps.records.get(m.recordId);
      return record && { record, mappingAsksReportingConsent: await asks(record.provenance.sourceId) };
    }),
  );
  const records = members.filter((m) => m !== undefined);
  const keys = [...person.members.map((m) => recordChildKey(m.recordId)), personChildKey(person.id)];
  const found = new Map((await deps.stats.referralsOf(keys)).map((r) => [r.id, r]));
  if (referral && referral.childKey && keys.includes(referral.childKey)) {
    const indexed = found.get(referral.id);
    if (!indexed || indexed.version < referral.version) found.set(referral.id, referral);
  }
  const referrals = [...found.values()];
  const facts = childFacts(person.id, records, referrals);
  await deps.stats.putChild(facts);
  return {
    outcome: 'written',
    personId: person.id,
    records: records.length,
    counted: facts.records.length,
    referrals: referrals.length,
  };
}

/**
 * Writes a referral's row from the referral as stored, then the child's row. The child is the person the
 * referral's record is linked to now (it may have been merged since the referral was made), else the person
 * it named; a referral whose record is not matched yet waits for the matching's own refresh of the child.
 */
export async function refreshReferral(
  deps: RefreshDeps,
  referralId: string,
): Promise<{ referral?: ReferralFacts; personId?: string }> {
  const stored = await deps.referrals.get(referralId);
  if (!stored) return {};
  const facts = referralFacts(stored);
  await deps.stats.putReferral(facts);
  const linked = stored.child.recordId ? await deps.registry.getLink(stored.child.recordId) : undefined;
  const named = linked?.personId ?? stored.child.personId;
  const personId = named ? (await resolvePerson(deps.registry, named))?.id : undefined;
  return { referral: facts, ...(personId ? { personId } : {}) };
}

/** What one refresh message asks: the referral's row first when it names one, then the child's. */
export async function handleRefresh(
  deps: RefreshDeps,
  request: { personId?: string | undefined; referralId?: string | undefined },
): Promise<RefreshOutcome | undefined> {
  let referral: ReferralFacts | undefined;
  let personId = request.personId;
  if (request.referralId) {
    const written = await refreshReferral(deps, request.referralId);
    referral = written.referral;
    // The person the referral's record is linked to now wins over the one the sender knew.
    if (written.personId) personId = written.personId;
    if (personId && personId !== request.personId) {
      // Another group owns that person (resolved, so the hand-over ends there): pass it on rather than race it.
      await deps.queue.refresh([{ personId, referralId: request.referralId }]);
      return undefined;
    }
  }
  if (!personId) return undefined;
  return refreshChildFacts(deps, personId, referral);
}
