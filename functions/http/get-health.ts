import { json } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';
import { RELAIS_VERSION } from '../platform/version.ts';

export const handler = httpHandler('getHealth', async () => json(200, { status: 'ok', version: RELAIS_VERSION }));
