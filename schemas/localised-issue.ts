/**
 * A custom zod issue whose message exists in French and English; core/validation reads `params`.
 * Refinements use this so that a partner gets their error in their language.
 */
export function localisedIssue(path: PropertyKey[], en: string, fr: string) {
  return { code: 'custom' as const, path, message: en, params: { en, fr } };
}
