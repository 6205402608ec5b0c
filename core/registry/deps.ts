import type { Thresholds } from '../matching/decide.ts';
import type { FieldWeights } from '../matching/weights.ts';
import type { Clock } from '../ports.ts';
import type { RegistryStore } from './ports.ts';

export interface RegistryDeps {
  store: RegistryStore;
  clock: Clock;
  thresholds?: Thresholds;
  probabilities?: FieldWeights;
  /** Blocking keys shared by more persons than this are skipped as too common (default 200). */
  maxBlock?: number;
}

/** The actor recorded for decisions the matcher takes on its own. */
export const MATCHER = 'matcher';
