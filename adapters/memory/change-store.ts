import type { ChangeStore, FeedEntry } from '../../core/changes/ports.ts';

/**
 * The change feed's outbox in process memory, with the DynamoDB store's rules: an atomic counter per feed,
 * one conditional write per position, entries read in sequence order. For tests; entries are copied in
 * and out so callers cannot change stored state.
 */
export class MemoryChangeStore implements ChangeStore {
  private readonly counters = new Map<string, number>();
  private readonly feeds = new Map<string, Map<number, FeedEntry>>();
  private readonly markers = new Map<string, number>();
  private readonly readers = new Map<string, number>();

  async allocate(feed: string): Promise<number> {
    const next = (this.counters.get(feed) ?? 0) + 1;
    this.counters.set(feed, next);
    return next;
  }

  async claim(feed: string, entry: FeedEntry): Promise<boolean> {
    const positions = this.feeds.get(feed) ?? new Map<number, FeedEntry>();
    this.feeds.set(feed, positions);
    if (positions.has(entry.sequence)) return false;
    positions.set(entry.sequence, structuredClone(entry));
    return true;
  }

  async entriesAfter(feed: string, after: number, limit: number): Promise<FeedEntry[]> {
    return [...(this.feeds.get(feed)?.values() ?? [])]
      .filter((e) => e.sequence > after)
      .sort((a, b) => a.sequence - b.sequence)
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async hasMarker(feed: string, key: string): Promise<boolean> {
    return this.markers.has(`${feed}\u0000${key}`);
  }

  async putMarker(feed: string, key: string, expiresAtSeconds: number): Promise<void> {
    this.markers.set(`${feed}\u0000${key}`, expiresAtSeconds);
  }

  async readerPosition(feed: string, reader: string): Promise<number | undefined> {
    return this.readers.get(`${feed}\u0000${reader}`);
  }

  async saveReaderPosition(feed: string, reader: string, position: number): Promise<void> {
    this.readers.set(`${feed}\u0000${reader}`, position);
  }
}
