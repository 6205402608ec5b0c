import type { ScreenEntry } from './types.ts';

/**
 * The screens, in the navigation's order. Each is its own chunk (a dynamic import), so that the first
 * screen loads only the shell and sign-in.
 */
export const screens: readonly ScreenEntry[] = [
  {
    id: 'mappings',
    label: { fr: 'Correspondances', en: 'Mappings' },
    roles: ['admin'],
    load: () => import('./mappings/mappings-screen.tsx'),
  },
  {
    id: 'reviews',
    label: { fr: 'File de revue', en: 'Review queue' },
    roles: ['admin'],
    load: () => import('./reviews/reviews-screen.tsx'),
  },
  {
    id: 'persons',
    label: { fr: 'Personnes', en: 'Persons' },
    // GET /v1/persons/{id} answers a reader too; merge and split show for an administrator only.
    roles: ['admin', 'reader'],
    load: () => import('./persons/persons-screen.tsx'),
  },
  {
    id: 'referrals',
    label: { fr: 'Références', en: 'Referrals' },
    roles: ['admin', 'referrals'],
    load: () => import('./referrals/referrals-screen.tsx'),
  },
  {
    id: 'directory',
    label: { fr: 'Annuaire et livraison', en: 'Directory and delivery' },
    roles: ['admin'],
    load: () => import('./directory/directory-screen.tsx'),
  },
  {
    id: 'statistics',
    label: { fr: 'Statistiques', en: 'Statistics' },
    roles: ['admin', 'reader'],
    load: () => import('./statistics/statistics-screen.tsx'),
  },
  {
    id: 'keys',
    label: { fr: 'Clés et sources', en: 'Keys and sources' },
    roles: ['admin'],
    load: () => import('./keys/keys-screen.tsx'),
  },
];
