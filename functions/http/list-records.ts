import { listRecords } from '../../core/records/read-records.ts';
import { ListRecordsQuery } from '../../schemas/api/records.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('listRecords', async ({ event, container, principal }) => {
  const { cursor, ...query } = parseQuery(event, ListRecordsQuery);
  const organisationId = principal!.organisationId;
  const scope = {
    list: 'records',
    organisationId,
    query: { sourceId: query.sourceId, updatedSince: query.updatedSince },
  };
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      listRecords(container.records, container.registry.store, {
        ...query,
        organisationId,
        ...(position ? { cursor: position } : {}),
      }),
    ),
  );
});
