import { redriveDeadLetters } from '../../../core/delivery/dead-letters.ts';
import { RedriveRequest } from '../../../schemas/api/dead-letters.ts';
import { json, parseJsonBodyAs } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('redriveDeadLetters', async ({ event, container, principal }) => {
  const { referralIds } = parseJsonBodyAs(event, RedriveRequest);
  return json(200, { redriven: await redriveDeadLetters(container.deadLetterDeps, principal!, referralIds) });
});
