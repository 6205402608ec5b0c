/**
 * How a name changes between the child's mouth, a registrar's ear and a keyboard: the noise the
 * population benchmark puts into records. Each function keeps the name recognisable to a person
 * (one change at a time) and never returns an empty string.
 */

export const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** "MUKENDI", "Mukendi", "mukendi": registers in capitals, phones in whatever the keyboard gives. */
export function caseAs(s: string, style: 'upper' | 'title' | 'lower'): string {
  if (style === 'upper') return s.toLocaleUpperCase('fr');
  if (style === 'lower') return s.toLocaleLowerCase('fr');
  return s.toLocaleLowerCase('fr').replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** Jean-Pierre written as "Jean Pierre", "JeanPierre" or "Jean-pierre". */
export function hyphenVariant(s: string, random: () => number): string {
  if (!s.includes('-')) return s;
  const x = random();
  if (x < 0.5) return s.replace(/-/g, ' ');
  if (x < 0.75) return s.replace(/-/g, '');
  return s.replace(/-(\p{L})/gu, (_, c: string) => '-' + c.toLowerCase());
}

/**
 * The transcription shifts of Bantu names by French speakers: tsh/ch, u/ou, final i/y, a doubled or
 * single consonant, é for e. Applied once, where the name allows it; otherwise the name is unchanged.
 */
const SHIFTS: ReadonlyArray<readonly [RegExp, (m: string) => string]> = [
  [/tsh/i, (m) => (m[0] === 'T' ? 'Ch' : m[0] === 't' ? 'ch' : 'CH')],
  [/(?<![aeiou])ch(?=[aeiou])/i, (m) => (m[0] === 'C' ? 'Tsh' : 'tsh')],
  [/ou/i, (m) => (m === 'OU' ? 'U' : m[0] === 'O' ? 'U' : 'u')],
  [/(?<=[bcdfgklmnprstvz])u(?!u)/i, (m) => (m === 'U' ? 'OU' : 'ou')],
  [/i$/i, (m) => (m === 'I' ? 'Y' : 'y')],
  [/y$/i, (m) => (m === 'Y' ? 'I' : 'i')],
  [/(?<=[aeiou])([lmnst])(?=[aeiou])/i, (m) => m + m],
  [/([lmnst])\1/i, (m) => m[0]!],
  [/é/i, (m) => (m === 'É' ? 'E' : 'e')],
];

export function shiftSpelling(s: string, random: () => number): string {
  const applicable = SHIFTS.filter(([re]) => re.test(s));
  if (applicable.length === 0) return s;
  const [re, to] = applicable[Math.floor(random() * applicable.length)]!;
  return s.replace(re, to);
}

const LETTERS = 'abcdefghijklmnoprstuvwyz';

/** One slip of the keyboard: a letter lost, doubled, swapped with the next, or replaced. */
export function typo(s: string, random: () => number): string {
  if (s.length < 4) return s;
  const i = 1 + Math.floor(random() * (s.length - 2));
  const kind = Math.floor(random() * 4);
  const letter = LETTERS[Math.floor(random() * LETTERS.length)]!;
  const at = s[i]!;
  if (!/\p{L}/u.test(at)) return s;
  const cased = at === at.toUpperCase() ? letter.toUpperCase() : letter;
  if (kind === 0) return s.slice(0, i) + s.slice(i + 1);
  if (kind === 1) return s.slice(0, i) + at + s.slice(i);
  if (kind === 2 && /\p{L}/u.test(s[i + 1] ?? '')) return s.slice(0, i) + s[i + 1] + at + s.slice(i + 2);
  return s.slice(0, i) + cased + s.slice(i + 1);
}
