import * as z from 'zod';
import { AgeSet, AgeSetName, ageSets } from './age-sets.ts';
import { MIN_K, type StatsPolicy } from './report.ts';

/**
 * A deployment's statistics settings (infra/config.ts StageConfig `statistics`), which the stacks pass to
 * the functions as environment variables and the container reads back (functions/platform/container.ts).
 */
export const StatisticsConfig = z
  .strictObject({
    /** Cells of 1 to k-1 are hidden across organisations; never below 3. */
    k: z.number().int().min(MIN_K).default(5),
    /** One calendar grid for every table across organisations (report.ts says why never both). */
    grid: z.enum(['quarter', 'month']).default('quarter'),
    /** The deployment's own age-bracket sets, beside the named ones (a named one cannot be redefined). */
    ageSets: z.record(AgeSetName, AgeSet).default({}),
    /** The organisations that may ask for the organisation dimension across organisations. */
    organisationViewers: z.array(z.string().min(1)).default([]),
  })
  .superRefine((config, ctx) => {
    try {
      ageSets(config.ageSets);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['ageSets'], message: (error as Error).message });
    }
  });
export type StatisticsConfig = z.output<typeof StatisticsConfig>;

export interface StatisticsSettings {
  policy: StatsPolicy;
  organisationViewers: ReadonlySet<string>;
}

export const STATISTICS_ENV = {
  k: 'RELAIS_STATS_K',
  grid: 'RELAIS_STATS_GRID',
  ageSets: 'RELAIS_STATS_AGE_SETS',
  organisationViewers: 'RELAIS_STATS_ORGANISATION_VIEWERS',
} as const;

export function statisticsEnvironment(config: StatisticsConfig): Record<string, string> {
  return {
    [STATISTICS_ENV.k]: String(config.k),
    [STATISTICS_ENV.grid]: config.grid,
    [STATISTICS_ENV.ageSets]: JSON.stringify(config.ageSets),
    [STATISTICS_ENV.organisationViewers]: config.organisationViewers.join(','),
  };
}

/** The settings from the environment; unset variables take the defaults. A bad value throws at start. */
export function statisticsFromEnv(env: NodeJS.ProcessEnv): StatisticsSettings {
  const raw = {
    ...(env[STATISTICS_ENV.k] ? { k: Number(env[STATISTICS_ENV.k]) } : {}),
    ...(env[STATISTICS_ENV.grid] ? { grid: env[STATISTICS_ENV.grid] } : {}),
    ...(env[STATISTICS_ENV.ageSets] ? { ageSets: JSON.parse(env[STATISTICS_ENV.ageSets]!) as unknown } : {}),
    organisationViewers: (env[STATISTICS_ENV.organisationViewers] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  const parsed = StatisticsConfig.safeParse(raw);
  // A configuration error, caught by synth (config.ts) before it can reach a function.
  if (!parsed.success) throw new Error(`statistics settings: ${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  return {
    policy: { k: config.k, grid: config.grid, ageSets: ageSets(config.ageSets) },
    organisationViewers: new Set(config.organisationViewers),
  };
}
