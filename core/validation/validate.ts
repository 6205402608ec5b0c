import type * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import { type FieldIssue, toPointer } from '../errors/field-issue.ts';

// Only the two locales Relais speaks: `z.locales` would bundle every language zod has.
const locales = { en: en().localeError, fr: fr().localeError };

type ZodIssue = z.core.$ZodIssue;

function render(issue: ZodIssue): FieldIssue[] {
  const message = (localeError: typeof locales.en) => {
    const rendered = localeError(issue as never);
    return (typeof rendered === 'string' ? rendered : rendered?.message) ?? issue.message;
  };
  // An unknown key is best pointed at directly: the caller sees which property to remove.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      pointer: toPointer([...issue.path, key]),
      code: 'unrecognized_key',
      message: { en: 'Unrecognised property', fr: 'Propriété non reconnue' },
    }));
  }
  // Custom refinements carry their own bilingual message in params (schemas/localised-issue.ts).
  const params = issue.code === 'custom' ? (issue.params as { en?: string; fr?: string } | undefined) : undefined;
  return [
    {
      pointer: toPointer(issue.path),
      code: issue.code,
      message:
        params?.en && params.fr
          ? { en: params.en, fr: params.fr }
          : { en: message(locales.en), fr: message(locales.fr) },
    },
  ];
}

type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Validates with zod and turns failures into localised field issues. The input is re-parsed with
 * `reportInput` only on failure, so that zod's messages can say what type was received; the input
 * itself is never copied into an issue.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown): Validated<z.output<S>> {
  const first = schema.safeParse(data);
  if (first.success) return { ok: true, value: first.data };
  const detailed = schema.safeParse(data, { reportInput: true });
  const issues = (detailed.success ? first.error.issues : detailed.error.issues).flatMap((i) => render(i as ZodIssue));
  return { ok: false, issues };
}
