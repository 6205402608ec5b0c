import type { Localised } from '../../i18n/language.ts';

/**
 * Why a transform could not handle a value. Messages describe the rule, never the value: it may be a
 * child's name, birth date or phone number, even in a field meant for a code.
 */
export class TransformFailure extends Error {
  constructor(
    readonly rule: string,
    readonly reason: Localised,
  ) {
    super(rule);
    this.name = 'TransformFailure';
  }
}

/** What a transform may report besides its result: a warning, or a raw code kept beside an `other`. */
export interface TransformSink {
  warn(rule: string, reason: Localised): void;
  keepOther(raw: string): void;
}

export function asText(value: unknown, rule: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TransformFailure(rule, { en: 'expects text', fr: 'attend du texte' });
}
