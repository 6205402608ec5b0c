import type { CanonicalRecord } from '../../schemas/canonical/index.ts';
import { notFound } from '../errors/relais-error.ts';
import type { RecordPage, RecordQuery, RecordStore } from '../ports.ts';

/** Another organisation's record answers exactly like a missing one: its existence is not disclosed. */
export async function readRecord(records: RecordStore, organisationId: string, id: string): Promise<CanonicalRecord> {
  const record = await records.get(id);
  if (!record || record.organisationId !== organisationId) throw notFound('record-not-found');
  return record;
}

export function listRecords(records: RecordStore, query: RecordQuery): Promise<RecordPage> {
  return records.list(query);
}
