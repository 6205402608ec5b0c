import type { AuditEvent, RecordLink, RegistryPerson, ReviewItem } from '../../core/registry/model.ts';
import { decodeHistoryCursor, encodeHistoryCursor, historyOrder } from '../../core/registry/history-cursor.ts';
import {
  BLOCK_CAPACITY,
  type AuditPage,
  type AuditQuery,
  type BlockHit,
  type RegistryStore,
  type ReviewPage,
  type ReviewQuery,
} from '../../core/registry/ports.ts';

/**
 * The registry in process memory, with the same conditional-write semantics as the DynamoDB adapter:
 * for fast tests, the benchmark and the CLI's embedded registry. Items are copied in and out so that
 * callers can never change stored state by mutating what they hold. Persons, read dozens of times per
 * match, are copied in once and deep-frozen, then handed out as they are: no copy per read, and a caller
 * that tried to change one would throw (modules are strict).
 */
export class MemoryRegistryStore implements RegistryStore {
  private readonly links = new Map<string, RecordLink>();
  private readonly persons = new Map<string, RegistryPerson>();
  private readonly blocks = new Map<string, Set<string>>();
  /** Blocks that reached BLOCK_CAPACITY: stop keys for good, as on DynamoDB. */
  private readonly full = new Set<string>();
  private readonly reviews = new Map<string, ReviewItem>();
  private readonly audits = new Map<string, AuditEvent[]>();
  private readonly auditIds = new Set<string>();

  async getLink(recordId: string): Promise<RecordLink | undefined> {
    return copy(this.links.get(recordId));
  }

  async getLinks(recordIds: readonly string[]): Promise<RecordLink[]> {
    return [...new Set(recordIds)].flatMap((id) => {
      const link = this.links.get(id);
      return link ? [structuredClone(link)] : [];
    });
  }

  async putLink(link: RecordLink, expectedVersion?: number): Promise<boolean> {
    return conditionalPut(this.links, link.recordId, link, expectedVersion);
  }

  async getPerson(id: string): Promise<RegistryPerson | undefined> {
    return this.persons.get(id);
  }

  async getPersons(ids: readonly string[]): Promise<RegistryPerson[]> {
    return [...new Set(ids)].flatMap((id) => {
      const stored = this.persons.get(id);
      return stored ? [stored] : [];
    });
  }

  async putPerson(person: RegistryPerson, expectedVersion?: number): Promise<boolean> {
    const stored = this.persons.get(person.id);
    if (expectedVersion === undefined ? stored !== undefined : stored?.version !== expectedVersion) return false;
    this.persons.set(person.id, deepFreeze(structuredClone(person)));
    return true;
  }

  async indexPerson(personId: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      let block = this.blocks.get(key);
      if (!block) this.blocks.set(key, (block = new Set()));
      if (block.has(personId) || this.full.has(key)) continue;
      if (block.size >= BLOCK_CAPACITY) this.full.add(key);
      else block.add(personId);
    }
  }

  async unindexPerson(personId: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) this.blocks.get(key)?.delete(personId);
  }

  async lookup(keys: readonly string[], maxPerKey: number): Promise<BlockHit[]> {
    return keys.map((key) => {
      const block = this.blocks.get(key);
      const personIds: string[] = [];
      // Like a DynamoDB query with Limit: read one past the cap, never the whole block.
      if (block) for (const id of block) if (personIds.push(id) > maxPerKey) break;
      return { key, personIds, overflow: this.full.has(key) || (block?.size ?? 0) > maxPerKey };
    });
  }

  async getReview(id: string): Promise<ReviewItem | undefined> {
    return copy(this.reviews.get(id));
  }

  async putReview(review: ReviewItem, expectedVersion?: number): Promise<boolean> {
    return conditionalPut(this.reviews, review.id, review, expectedVersion);
  }

  async listReviews(query: ReviewQuery): Promise<ReviewPage> {
    const all = [...this.reviews.values()]
      .filter((r) => r.status === query.status)
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = all.slice(start, start + query.limit).map((r) => structuredClone(r));
    const end = start + items.length;
    return end < all.length ? { items, nextCursor: String(end) } : { items };
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    if (this.auditIds.has(event.id)) return;
    this.auditIds.add(event.id);
    const list = this.audits.get(event.personId) ?? [];
    list.push(structuredClone(event));
    this.audits.set(event.personId, list);
  }

  async listAudit(personId: string, query: AuditQuery): Promise<AuditPage> {
    const after = query.cursor ? historyOrder(decodeHistoryCursor(query.cursor)) : undefined;
    const all = (this.audits.get(personId) ?? [])
      .map((e) => ({ order: historyOrder(e), e }))
      .filter(({ order }) => after === undefined || order > after)
      .sort((a, b) => (a.order < b.order ? -1 : 1));
    const items = all.slice(0, query.limit).map(({ e }) => structuredClone(e));
    const last = items.at(-1);
    return all.length > query.limit && last ? { items, nextCursor: encodeHistoryCursor(last) } : { items };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const copy = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : structuredClone(value));

function conditionalPut<T extends { version: number }>(
  map: Map<string, T>,
  key: string,
  item: T,
  expectedVersion?: number,
): boolean {
  const stored = map.get(key);
  if (expectedVersion === undefined ? stored !== undefined : stored?.version !== expectedVersion) return false;
  map.set(key, structuredClone(item));
  return true;
}
