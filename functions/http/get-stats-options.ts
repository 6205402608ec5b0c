import { negotiateLanguage } from '../../core/i18n/language.ts';
import { statisticsOptions } from '../../core/stats/options.ts';
import { header, json } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getStatsOptions', async ({ event, container, principal }) =>
  json(200, statisticsOptions(container.statistics, principal!, negotiateLanguage(header(event, 'accept-language')))),
);
