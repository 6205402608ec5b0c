import { listRecords } from '../../core/records/read-records.ts';
import { ListRecordsQuery } from '../../schemas/api/records.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('listRecords', async ({ event, container, principal }) => {
  const query = parseQuery(event, ListRecordsQuery);
  return json(
    200,
    await listRecords(container.records, container.registry.store, {
      ...query,
      organisationId: principal!.organisationId,
    }),
  );
});
