import type { NamePart } from '../../../schemas/mapping/language.ts';
import type { Localised } from '../../i18n/language.ts';
import { type TransformSink, asText } from './failure.ts';

type SplitName = { family?: string; middle?: string; given?: string };

/** A family-name token is written in capitals: at least two letters and no lower-case letter. */
const LETTERS_ONLY = /^\p{L}+$/u;

function isCapitalised(token: string): boolean {
  const letters = LETTERS_ONLY.test(token) ? token : token.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 2 && letters === letters.toLocaleUpperCase('fr') && letters !== letters.toLocaleLowerCase('fr')
  );
}

const joined = (tokens: readonly string[]): string | undefined => (tokens.length > 0 ? tokens.join(' ') : undefined);

/**
 * Splits a full name written with the civil-register convention "FAMILY POSTNOM Given" (KABASELE
 * TSHIMANGA Jean): the capitalised tokens are the family name then the post-nom(s), the rest the given
 * names, wherever they stand. All in capitals: first token family, last given, the rest post-nom. No
 * capitals at all: the first token is taken as the family name (the civil order) and a warning given.
 */
export function splitFullName(full: string, sink?: TransformSink): SplitName {
  const tokens = full
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return {};
  const capitals = tokens.filter(isCapitalised);
  const others = tokens.filter((t) => !isCapitalised(t));
  if (capitals.length > 0 && others.length > 0) {
    return { family: capitals[0], middle: joined(capitals.slice(1)), given: joined(others) };
  }
  if (tokens.length === 1) return capitals.length > 0 ? { family: tokens[0] } : { given: tokens[0] };
  if (capitals.length === 0) {
    sink?.warn('splitName', {
      en: 'the name has no part in capitals: the first word was taken as the family name',
      fr: "le nom n'a aucune partie en capitales : le premier mot a été pris comme nom de famille",
    });
    return { family: tokens[0], given: joined(tokens.slice(1)) };
  }
  return { family: tokens[0], middle: joined(tokens.slice(1, -1)), given: tokens[tokens.length - 1] };
}

/**
 * A mapping usually splits one full name three times (family, post-nom, given), one field after the
 * other: the last split is remembered, with whether it warned, so the work is done once.
 */
let lastFull: string | undefined;
let lastSplit: SplitName = {};
let lastWarning: Localised | undefined;

export const splitName =
  (part: NamePart) =>
  (value: unknown, sink: TransformSink): string | undefined => {
    const full = asText(value, 'splitName');
    if (full !== lastFull) {
      lastWarning = undefined;
      lastSplit = splitFullName(full, { warn: (_rule, reason) => (lastWarning = reason), keepOther: () => undefined });
      lastFull = full;
    }
    if (lastWarning) sink.warn('splitName', lastWarning);
    return lastSplit[part];
  };
