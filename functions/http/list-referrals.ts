import { viewOf } from '../../core/referrals/read.ts';
import { ListReferralsQuery } from '../../schemas/api/referrals.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('listReferrals', async ({ event, container, principal }) => {
  const { cursor, overdue, ...query } = parseQuery(event, ListReferralsQuery);
  const organisationId = principal!.organisationId;
  const now = container.clock.now();
  const scope = { list: 'referrals', organisationId, query: { role: query.role, status: query.status, overdue } };
  const page = await pageWithSealedCursor(container, scope, cursor, (position) =>
    container.referralDeps.referrals.list({ ...query, organisationId, ...(position ? { cursor: position } : {}) }),
  );
  // Overdue depends on the time of asking, so it filters the page rather than the index: a page may
  // hold fewer items than `limit`; follow nextCursor to the end.
  const views = page.items
    .map((r) => viewOf(principal!, r, now))
    .filter((v) => overdue === undefined || v.overdue === (overdue === 'true'));
  return json(200, { items: views, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
