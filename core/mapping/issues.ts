import type { FieldIssue } from '../errors/field-issue.ts';
import { toPointer } from '../errors/field-issue.ts';

/** A problem in a mapping document; line and column (1-based) when it was read from a file. */
export interface MappingIssue extends FieldIssue {
  readonly line?: number;
  readonly column?: number;
}

export const mappingIssue = (
  path: ReadonlyArray<string | number>,
  code: string,
  en: string,
  fr: string,
): MappingIssue => ({
  pointer: toPointer(path),
  code,
  message: { en, fr },
});

/** Raised by compile() when given a mapping that does not pass the check. */
export class InvalidMappingError extends Error {
  constructor(readonly issues: readonly MappingIssue[]) {
    super(`invalid mapping: ${issues.map((i) => `${i.pointer} ${i.message.en}`).join('; ')}`);
    this.name = 'InvalidMappingError';
  }
}
