import { mayNameOrganisations } from '../access/statistics.ts';
import type { Principal } from '../access/principal.ts';
import { type AgeBracket, DEFAULT_AGE_SET, ageValues } from './age-sets.ts';
import { DIMENSIONS, type Dimension } from './children-table.ts';
import type { Language } from '../i18n/language.ts';
import { reportLabels } from './labels.ts';
import type { StatisticsSettings } from './policy.ts';
import { MAX_DIMENSIONS, type PeriodGrid } from './report.ts';

/**
 * What a caller may ask GET /v1/stats, from the deployment's settings: the grid a table across
 * organisations must fall on, its threshold, the dimensions open to the caller in each view and the age
 * sets, and the words of its labels. A client (the admin UI's statistics form) offers exactly these instead of guessing a deployment's
 * configuration and learning it from a 400.
 */
export interface StatisticsOptions {
  grid: PeriodGrid;
  k: number;
  maxDimensions: number;
  dimensions: { own: Dimension[]; all: Dimension[] };
  defaultAgeSet: string;
  ageSets: Array<{ name: string; brackets: AgeBracket[]; values: string[] }>;
  /** In the caller's language: the same words as the CSV's. */
  labels: ReturnType<typeof reportLabels>;
}

export function statisticsOptions(
  settings: StatisticsSettings,
  principal: Pick<Principal, 'organisationId'>,
  lang: Language,
): StatisticsOptions {
  const { policy } = settings;
  const named = mayNameOrganisations(principal, settings.organisationViewers);
  return {
    grid: policy.grid,
    k: policy.k,
    maxDimensions: MAX_DIMENSIONS,
    dimensions: { own: [...DIMENSIONS], all: DIMENSIONS.filter((d) => named || d !== 'organisation') },
    defaultAgeSet: DEFAULT_AGE_SET,
    ageSets: Object.entries(policy.ageSets).map(([name, set]) => ({
      name,
      brackets: set.map((b) => ({ ...b })),
      values: ageValues(set),
    })),
    labels: reportLabels(lang),
  };
}
