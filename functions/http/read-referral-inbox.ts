import { InboxQuery } from '../../schemas/api/referrals.ts';
import { pageWithSealedCursor } from '../platform/cursors.ts';
import { json, parseQuery } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('readReferralInbox', async ({ event, container, principal }) => {
  const { cursor, limit } = parseQuery(event, InboxQuery);
  const organisationId = principal!.organisationId;
  const scope = { list: 'referral-inbox', organisationId, query: {} };
  // The inbox is the caller's own by construction: the store reads only events addressed to it.
  return json(
    200,
    await pageWithSealedCursor(container, scope, cursor, (position) =>
      container.referralDeps.referrals.inbox(organisationId, position, limit),
    ),
  );
});
