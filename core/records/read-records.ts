import type { CanonicalRecord } from '../../schemas/canonical/index.ts';
import { ownScope } from '../access/scope.ts';
import { requireVisible } from '../access/visibility.ts';
import type { RecordPage, RecordQuery, RecordStore } from '../ports.ts';
import type { RegistryStore } from '../registry/ports.ts';

/**
 * One record of the caller's organisation, with its registry person once matching has run. Another
 * organisation's record answers exactly like a missing one: its existence is not disclosed.
 */
export async function readRecord(
  records: RecordStore,
  registry: Pick<RegistryStore, 'getLink'>,
  organisationId: string,
  id: string,
): Promise<CanonicalRecord & { personId?: string }> {
  const record = requireVisible(ownScope({ organisationId }), 'record', await records.get(id));
  const link = await registry.getLink(id);
  return link ? { ...record, personId: link.personId } : record;
}

/** A page of the organisation's records, each with its registry person once matched (one batch read). */
export async function listRecords(
  records: RecordStore,
  registry: Pick<RegistryStore, 'getLinks'>,
  query: RecordQuery,
): Promise<Omit<RecordPage, 'items'> & { items: Array<CanonicalRecord & { personId?: string }> }> {
  const page = await records.list(query);
  const personOf = new Map((await registry.getLinks(page.items.map((r) => r.id))).map((l) => [l.recordId, l.personId]));
  return {
    ...page,
    items: page.items.map((r) => {
      const personId = personOf.get(r.id);
      return personId ? { ...r, personId } : r;
    }),
  };
}
