import type { ComponentType } from 'preact';
import type { Role } from '../../../schemas/canonical/codes.ts';
import type { Route } from '../router.ts';

export interface ScreenProps {
  route: Route;
}

/** One screen of the admin UI: its place in the navigation, who sees it, and its code, loaded when opened. */
export interface ScreenEntry {
  /** The first segment of its address: #/<id>/… */
  id: string;
  label: { fr: string; en: string };
  /** The key's roles that open it (the API decides what each role may do; this only hides what it refuses). */
  roles: readonly Role[];
  load(): Promise<{ default: ComponentType<ScreenProps> }>;
}
