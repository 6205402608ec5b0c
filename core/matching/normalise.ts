/**
 * Text normalisation shared by every comparator and blocking key: names recorded by hand in French,
 * Swahili or Kirundi differ in case, accents, apostrophes (N'Diaye, Ng'ang'a), hyphens (Jean-Pierre) and
 * in the order of nom, post-nom and prénom, none of which says anything about who the child is.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’‘`´ʼ]/g;
const SEPARATORS = /[^a-z0-9]+/g;

/** Lower case, no diacritics, no apostrophes; every other non-alphanumeric run becomes one space. */
export function normaliseText(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** The tokens of one or more name parts, as one bag: the order they came in is not kept on purpose. */
export function nameTokens(...parts: ReadonlyArray<string | undefined>): string[] {
  const tokens: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const token of normaliseText(part).split(' ')) if (token) tokens.push(token);
  }
  return tokens;
}

/** Digits only; the last nine identify a subscriber whatever the country-code spelling (+243, 00243, 0...). */
export function phoneKey(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-9) : undefined;
}
