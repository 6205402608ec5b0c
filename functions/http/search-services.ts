import { searchServices } from '../../core/services/search.ts';
import { ServiceSearchQuery } from '../../schemas/api/services.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

const LEVELS = ['country', 'province', 'territory', 'locality'] as const;

export const handler = httpHandler('searchServices', async ({ event, container, principal }) => {
  const { cursor, limit, ...filters } = parseQuery(event, ServiceSearchQuery);
  const given = LEVELS.filter((level) => filters[level] !== undefined);
  const place = given.length > 0 ? Object.fromEntries(given.map((level) => [level, filters[level]])) : undefined;
  const scope = {
    list: 'services',
    organisationId: principal!.organisationId,
    query: { ...filters, age: filters.age === undefined ? undefined : String(filters.age) },
  };
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      searchServices(
        container.services,
        { type: filters.type, place, age: filters.age, sex: filters.sex, status: filters.status, limit },
        position,
      ),
    ),
  );
});
