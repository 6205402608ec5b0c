import { RelaisError } from '../../core/errors/relais-error.ts';
import type { PutOutcome, RecordPage, RecordQuery, RecordStore } from '../../core/ports.ts';
import { changeKey, laterThan, supersedes } from '../../core/records/ordering.ts';
import type { CanonicalRecord } from '../../schemas/canonical/index.ts';

/**
 * Records in process memory with the DynamoDB store's rules: one decision per put (new, strictly newer
 * content, or unchanged) and pages in change order behind an opaque cursor that stays in the caller's
 * organisation. For unit tests; records are copied in and out so callers cannot change stored state.
 */
export class MemoryRecordStore implements RecordStore {
  private readonly records = new Map<string, CanonicalRecord>();

  async put(record: CanonicalRecord): Promise<PutOutcome> {
    const stored = this.records.get(record.id);
    if (stored && !supersedes(record, stored)) return 'unchanged';
    const storedAt = stored ? laterThan(record.storedAt, stored.storedAt) : record.storedAt;
    this.records.set(record.id, structuredClone({ ...record, storedAt }));
    return stored ? 'updated' : 'created';
  }

  async get(id: string): Promise<CanonicalRecord | undefined> {
    const found = this.records.get(id);
    return found && structuredClone(found);
  }

  async list(query: RecordQuery): Promise<RecordPage> {
    const after = query.cursor === undefined ? undefined : this.decode(query.cursor, query.organisationId);
    // '~' sorts after every character of a record id, so the bound excludes the instant itself.
    const since = query.updatedSince ? `${new Date(query.updatedSince).toISOString()}#~` : undefined;
    const matching = [...this.records.values()]
      .filter(
        (r) =>
          r.organisationId === query.organisationId &&
          (query.sourceId === undefined || r.provenance.sourceId === query.sourceId) &&
          (since === undefined || changeKey(r) > since) &&
          (after === undefined || changeKey(r) > after),
      )
      .sort((a, b) => (changeKey(a) < changeKey(b) ? -1 : 1));
    const items = matching.slice(0, query.limit).map((r) => structuredClone(r));
    const last = items[items.length - 1];
    return matching.length > query.limit && last
      ? {
          items,
          nextCursor: Buffer.from(JSON.stringify([query.organisationId, changeKey(last)])).toString('base64url'),
        }
      : { items };
  }

  private decode(cursor: string, organisationId: string): string {
    try {
      const [org, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      if (org === organisationId && typeof key === 'string') return key;
    } catch {
      /* not a cursor of ours: refused below */
    }
    throw new RelaisError('bad-request', 'invalid-cursor');
  }
}
