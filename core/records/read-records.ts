import type { CanonicalRecord } from '../../schemas/canonical/index.ts';
import { notFound } from '../errors/relais-error.ts';
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
  const record = await records.get(id);
  if (!record || record.organisationId !== organisationId) throw notFound('record-not-found');
  const link = await registry.getLink(id);
  return link ? { ...record, personId: link.personId } : record;
}

export function listRecords(records: RecordStore, query: RecordQuery): Promise<RecordPage> {
  return records.list(query);
}
