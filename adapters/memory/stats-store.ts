import type { ChildFacts } from '../../core/stats/facts.ts';
import type { Publication, ReferralFacts, StatsStore } from '../../core/stats/ports.ts';

/** The statistics projection in process memory, with the DynamoDB store's rules, for unit tests. */
export class MemoryStatsStore implements StatsStore {
  private readonly children = new Map<string, ChildFacts>();
  private readonly referrals = new Map<string, ReferralFacts>();
  private readonly publications = new Map<string, Publication>();

  async getChild(personId: string) {
    const found = this.children.get(personId);
    return found && structuredClone(found);
  }

  async putChild(facts: ChildFacts) {
    this.children.set(facts.personId, structuredClone(facts));
  }

  async deleteChild(personId: string) {
    this.children.delete(personId);
  }

  async putReferral(facts: ReferralFacts) {
    const stored = this.referrals.get(facts.id);
    if (stored && stored.version > facts.version) return;
    this.referrals.set(facts.id, structuredClone(facts));
  }

  async getReferral(id: string) {
    const found = this.referrals.get(id);
    return found && structuredClone(found);
  }

  async referralsOf(childKeys: readonly string[]) {
    const keys = new Set(childKeys);
    return [...this.referrals.values()]
      .filter((r) => r.childKey !== undefined && keys.has(r.childKey))
      .map((r) => structuredClone(r));
  }

  async readAll() {
    return {
      children: [...this.children.values()].map((c) => structuredClone(c)),
      referrals: [...this.referrals.values()].map((r) => structuredClone(r)),
    };
  }

  async getPublication(key: string) {
    const found = this.publications.get(key);
    return found && structuredClone(found);
  }

  async publish(publication: Publication) {
    const stored = this.publications.get(publication.key);
    if (stored) return structuredClone(stored);
    this.publications.set(publication.key, structuredClone(publication));
    return structuredClone(publication);
  }
}
