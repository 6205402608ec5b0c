import { readChanges } from '../../core/changes/read-changes.ts';
import { ChangesQuery, typesOf } from '../../schemas/api/changes.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('listChanges', async ({ event, container, principal }) => {
  const { cursor, limit, types } = parseQuery(event, ChangesQuery);
  const organisationId = principal!.organisationId;
  const wanted = typesOf(types);
  // The cursor is sealed to the organisation and the types, in a canonical order.
  const scope = { list: 'changes', organisationId, query: { types: wanted?.join(',') } };
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      readChanges({ changes: container.changes, clock: container.clock }, principal!, {
        position,
        limit,
        types: wanted,
      }),
    ),
  );
});
