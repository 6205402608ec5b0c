import * as z from 'zod';
import { CHILDREN_PROBABILITIES, DEFAULT_PROBABILITIES, FieldWeights } from './weights.ts';

/**
 * A matching profile: everything that decides links, as data. A deployment names one (environment
 * variable RELAIS_MATCH_PROFILE, default `children`), and `relais match --profile` takes one, so that the
 * registry's behaviour is chosen, listed and reviewed, never edited in code.
 */
export const MatchProfile = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    description: z.strictObject({ en: z.string(), fr: z.string() }),
    /** Scores (log2 likelihood ratio) at which a pair is linked, or sent to a person for review. */
    link: z.number(),
    review: z.number(),
    /**
     * The siblings and twins guards (decide.ts): a pair that scores as a link but looks like two children
     * of one family is held for review. Off only for data where that pattern means nothing (FEBRL's
     * corruption model replaces given names at random, which makes its duplicates look like twins).
     */
    guards: z.boolean(),
    /** Name agreement weighed by how many persons in the registry bear the name (compare.ts). */
    frequencyAdjusted: z.boolean(),
    probabilities: FieldWeights,
  })
  .refine((p) => p.review <= p.link, { message: 'review must not exceed link', path: ['review'] });

export type MatchProfile = z.infer<typeof MatchProfile>;

/**
 * With a prior of about one true pair in 10,000 candidate pairs, 2^20 odds put the posterior above 0.99;
 * the review band starts where a true pair becomes as likely as not to hide among the candidates. Tuned
 * on FEBRL and on the francophone set (bench/dedup), where review precision matters less than link
 * precision.
 */
const CHILDREN = MatchProfile.parse({
  name: 'children',
  description: {
    en: "children's case records: siblings and twins guards on, name evidence weighed by how common the name is",
    fr: 'dossiers d’enfants : gardes fratries et jumeaux actives, poids des noms selon leur fréquence',
  },
  link: 12,
  review: 5,
  guards: true,
  frequencyAdjusted: true,
  probabilities: CHILDREN_PROBABILITIES,
});

const GENERIC = MatchProfile.parse({
  ...CHILDREN,
  name: 'generic',
  description: {
    en: 'any population (e.g. FEBRL): no siblings guards, name evidence weighed by how common the name is',
    fr: 'toute population (p. ex. FEBRL) : sans gardes fratries, poids des noms selon leur fréquence',
  },
  guards: false,
  probabilities: DEFAULT_PROBABILITIES,
});

export const PROFILES: Readonly<Record<string, MatchProfile>> = { children: CHILDREN, generic: GENERIC };
export const PROFILE_NAMES = Object.keys(PROFILES);
export const DEFAULT_PROFILE: MatchProfile = CHILDREN;

/** The profile of that name, or undefined: callers turn an unknown name into their own clear error. */
export const profileNamed = (name: string): MatchProfile | undefined =>
  Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
