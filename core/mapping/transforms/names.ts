import type { NameOrder, NamePart } from '../../../schemas/mapping/language.ts';
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

/** The family name, then its post-noms, from the words that make it up. */
const familyOf = (tokens: readonly string[]): SplitName => ({ family: tokens[0], middle: joined(tokens.slice(1)) });

const NO_CAPITALS: Localised = {
  en: 'the name has no part in capitals: the first word was taken as the family name',
  fr: "le nom n'a aucune partie en capitales : le premier mot a été pris comme nom de famille",
};
const CAPITALS_APART: Localised = {
  en: 'the words in capitals are not side by side: the first was taken as the family name, the others as post-noms',
  fr: 'les mots en capitales ne se suivent pas : le premier a été pris comme nom de famille, les autres comme post-noms',
};
const ALL_CAPITALS: Localised = {
  en: 'the whole name is in capitals: the first word was taken as the family name and the last as the given name',
  fr: 'tout le nom est en capitales : le premier mot a été pris comme nom de famille et le dernier comme prénom',
};

/** How many words in a row are in capitals, from the start (or from the end). */
function capitalRun(tokens: readonly string[], fromEnd: boolean): number {
  let n = 0;
  while (n < tokens.length && isCapitalised(tokens[fromEnd ? tokens.length - 1 - n : n]!)) n++;
  return n;
}

/**
 * A name in a declared order. The family name is at the start (family-first) or the end (given-first); the
 * words in capitals next to it are its post-noms; without capitals it is one word. At least one word is left
 * for the given name.
 */
function splitInOrder(tokens: readonly string[], order: 'family-first' | 'given-first'): SplitName {
  const fromEnd = order === 'given-first';
  const run = Math.min(Math.max(capitalRun(tokens, fromEnd), 1), tokens.length - 1);
  return fromEnd
    ? { ...familyOf(tokens.slice(tokens.length - run)), given: joined(tokens.slice(0, tokens.length - run)) }
    : { ...familyOf(tokens.slice(0, run)), given: joined(tokens.slice(run)) };
}

/**
 * The civil-register convention "FAMILY POSTNOM Given" (KABASELE TSHIMANGA Jean), read from the capitals:
 * the capitalised tokens are the family name then the post-nom(s), the rest the given names, wherever they
 * stand. It warns where it guesses: no capitals at all (the first token is taken as the family name, the
 * civil order), capitals that are not side by side, or every word in capitals (first family, last given,
 * the rest post-nom).
 */
function splitByCapitals(tokens: readonly string[], sink?: TransformSink): SplitName {
  const capitals = tokens.filter(isCapitalised);
  const others = tokens.filter((t) => !isCapitalised(t));
  if (capitals.length > 0 && others.length > 0) {
    const first = tokens.indexOf(capitals[0]!);
    if (!tokens.slice(first, first + capitals.length).every(isCapitalised)) sink?.warn('splitName', CAPITALS_APART);
    return { ...familyOf(capitals), given: joined(others) };
  }
  sink?.warn('splitName', capitals.length === 0 ? NO_CAPITALS : ALL_CAPITALS);
  if (capitals.length === 0) return { family: tokens[0], given: joined(tokens.slice(1)) };
  return { ...familyOf(tokens.slice(0, -1)), given: tokens[tokens.length - 1] };
}

/**
 * Splits a full name into family name, post-nom(s) and given names, in the order declared (auto by
 * default: from the capitals). A single word is a family name when it is in capitals, a given name otherwise.
 */
export function splitFullName(full: string, order: NameOrder = 'auto', sink?: TransformSink): SplitName {
  const tokens = full
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return {};
  if (tokens.length === 1) return isCapitalised(tokens[0]!) ? { family: tokens[0] } : { given: tokens[0] };
  return order === 'auto' ? splitByCapitals(tokens, sink) : splitInOrder(tokens, order);
}

/**
 * A mapping usually splits one full name three times (family, post-nom, given), one field after the
 * other: the last split is remembered, with whether it warned, so the work is done once.
 */
let lastKey: string | undefined;
let lastSplit: SplitName = {};
let lastWarning: Localised | undefined;

export const splitName =
  (part: NamePart, order: NameOrder = 'auto') =>
  (value: unknown, sink: TransformSink): string | undefined => {
    const full = asText(value, 'splitName');
    const key = `${order}\u0000${full}`;
    if (key !== lastKey) {
      lastWarning = undefined;
      lastSplit = splitFullName(full, order, {
        warn: (_rule, reason) => (lastWarning = reason),
        keepOther: () => undefined,
      });
      lastKey = key;
    }
    if (lastWarning) sink.warn('splitName', lastWarning);
    return lastSplit[part];
  };
