import type { Localised } from '../i18n/language.ts';

/**
 * One problem with one field of a submitted document. `pointer` is an RFC 6901 JSON Pointer into the
 * document the caller sent. Messages never quote the submitted value: it may be a child's name.
 */
export interface FieldIssue {
  readonly pointer: string;
  readonly code: string;
  readonly message: Localised;
  /** Where the pointer lands in a document sent as text (a YAML mapping), 1-based. */
  readonly line?: number;
  readonly column?: number;
}

export function toPointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export function prefixIssues(prefix: string, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ ...issue, pointer: prefix + issue.pointer }));
}
