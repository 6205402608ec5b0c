import type { MatchProfile } from '../matching/profiles.ts';
import type { Clock } from '../ports.ts';
import type { RegistryStore } from './ports.ts';

export interface RegistryDeps {
  store: RegistryStore;
  clock: Clock;
  /** How links are decided (profiles.ts); the children profile when absent. */
  profile?: MatchProfile;
  /** Blocking keys shared by more persons than this are skipped as too common (default 200). */
  maxBlock?: number;
}

/** The actor recorded for decisions the matcher takes on its own. */
export const MATCHER = 'matcher';
