import type * as z from 'zod';
import { negotiateLanguage } from '../../core/i18n/language.ts';
import { statisticsOptions } from '../../core/stats/options.ts';
import type { StatsOptionsView } from '../../schemas/api/stats.ts';
import { header, json } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';

export const handler = httpHandler('getStatsOptions', async ({ event, container, principal }) => {
  // Typed as the documented shape: the core's options and the schema must agree (a compile-time check).
  const options: z.input<typeof StatsOptionsView> = statisticsOptions(
    container.statistics,
    principal!,
    negotiateLanguage(header(event, 'accept-language')),
  );
  return json(200, options);
});
