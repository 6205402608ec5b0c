import type * as z from 'zod';
import type { FieldExplanation, ReviewView } from '../../../../schemas/api/persons.ts';
import type { Lang } from '../../i18n.ts';
import type { ReviewMessages } from './messages.ts';

export type Review = z.output<typeof ReviewView>;
export type Field = z.output<typeof FieldExplanation>;

/** The API types fields, levels and guards as strings: words for the known codes, the code itself otherwise. */
export function fieldWord(t: ReviewMessages, field: string): string {
  return (t.field as Record<string, string>)[field] ?? field;
}

export function levelWord(t: ReviewMessages, field: Field): string {
  const levels = (t.level as Record<string, Record<string, string> | undefined>)[field.field];
  return levels?.[field.level] ?? field.level;
}

export function guardWords(t: ReviewMessages, guard: string | undefined) {
  if (guard === undefined) return undefined;
  return (t.guard as Record<string, { short: string; long: string }>)[guard] ?? { short: guard, long: guard };
}

/** A log2 weight or score, to one decimal, with a true minus sign. */
export const score = (lang: Lang, n: number) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(n)
    .replace(/^-/, '−');

/**
 * What the explanation says of the household, in a caseworker's words: a shared caregiver or phone is one
 * household; within it, the same birth date where the guard says the names, sex or ages are not one
 * child's (or, without a guard, where the names differ) is the pattern of twins.
 */
export function householdWarnings(t: ReviewMessages, review: Review): string[] {
  const level = (f: string) => review.fields.find((x) => x.field === f)?.level;
  const shared = level('caregiver') === 'agree' || level('phone') === 'agree';
  const namesDiffer = ['partial', 'weak', 'disagree'].includes(level('name') ?? '');
  const notOneChild = review.guard === 'same-household' || review.guard === 'different-names';
  const household = shared || review.guard === 'same-household';
  if (level('birth') === 'exact' && (notOneChild || (household && namesDiffer))) return [t.twins];
  if (household) return [t.siblings];
  return [];
}
