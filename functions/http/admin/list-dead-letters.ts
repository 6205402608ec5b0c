import { listDeadLetters } from '../../../core/delivery/dead-letters.ts';
import { json } from '../../platform/http.ts';
import { httpHandler } from '../../platform/http-handler.ts';

export const handler = httpHandler('listDeadLetters', async ({ container, principal }) =>
  json(200, { items: await listDeadLetters(container.deadLetterDeps, principal!) }),
);
