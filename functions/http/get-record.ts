import { readRecord } from '../../core/records/read-records.ts';
import { RecordPath } from '../../schemas/api/records.ts';
import { json, parsePath } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getRecord', async ({ event, container, principal }) => {
  const { id } = parsePath(event, RecordPath, 'record-not-found');
  return json(200, await readRecord(container.records, container.registry.store, principal!.organisationId, id));
});
