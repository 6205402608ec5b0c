import { TransformFailure, asText } from './failure.ts';

/** Surrounding whitespace removed and inner runs collapsed: forms and spreadsheets are full of both. */
export const trim = (value: unknown): string => {
  const s = asText(value, 'trim');
  return s.trim().replace(/\s{2,}/g, ' ');
};

export const upper = (value: unknown): string => asText(value, 'upper').toLocaleUpperCase('fr');
export const lower = (value: unknown): string => asText(value, 'lower').toLocaleLowerCase('fr');

/** "jean-pierre d'amour" → "Jean-Pierre D'Amour": a capital after a space, hyphen or apostrophe. */
export const title = (value: unknown): string =>
  asText(value, 'title')
    .toLocaleLowerCase('fr')
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase('fr'));

/** A select_multiple answer ("separe refugie") as a list of choices. */
export const words = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map((v) => asText(v, 'words'));
  const s = asText(value, 'words').trim();
  return s === '' ? [] : s.split(/\s+/);
};

export const split =
  (separator: string) =>
  (value: unknown): string[] => {
    if (Array.isArray(value)) return value.map((v) => asText(v, 'split'));
    return asText(value, 'split')
      .split(separator)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  };

/**
 * One part of a text: "Kiremba / Gatare" with separator "/" gives "Kiremba" at index 0 and "Gatare" at 1 or -1
 * (counted from the end). Parts keep their places, empty ones too, so an index names the same column of a
 * compound answer on every record; an empty or missing part gives no value.
 */
export const splitPart =
  (separator: string, index: number) =>
  (value: unknown): string | undefined => {
    const parts = asText(value, 'split').split(separator);
    const part = parts[index < 0 ? parts.length + index : index]?.trim();
    return part === '' ? undefined : part;
  };

export const join =
  (separator: string) =>
  (value: unknown): string =>
    Array.isArray(value) ? value.map((v) => asText(v, 'join')).join(separator) : asText(value, 'join');

/** "uuid:5c3b…" → "5c3b…": identifiers some tools send with a scheme prefix and some without. */
export const removePrefix =
  (prefix: string) =>
  (value: unknown): string => {
    const s = asText(value, 'removePrefix');
    return s.startsWith(prefix) ? s.slice(prefix.length) : s;
  };

export const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

const NUMBER = /^[+-]?\d+([.,]\d+)?$/;

export const number = (value: unknown): number => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const s = asText(value, 'number').trim();
  if (!NUMBER.test(s)) throw new TransformFailure('number', { en: 'is not a number', fr: "n'est pas un nombre" });
  return Number(s.replace(',', '.'));
};

export const integer = (value: unknown): number => {
  const n = number(value);
  if (!Number.isInteger(n))
    throw new TransformFailure('integer', { en: 'is not a whole number', fr: "n'est pas un nombre entier" });
  return n;
};
