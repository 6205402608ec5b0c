import { toPointer } from '../errors/field-issue.ts';
import { RelaisError } from '../errors/relais-error.ts';

/**
 * How deeply a submitted document may nest objects and arrays. Real payloads stay under ten levels; the
 * code that walks documents (validation, mapping, previews) recurses, so the limit is checked once, up
 * front, before any of it runs.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * The path of the first object or array nested deeper than `max` levels (the document itself is level
 * 1), or undefined. Iterative on purpose: the documents it exists for would overflow a recursive walk.
 */
export function pathBeyondDepth(document: unknown, max = MAX_NESTING_DEPTH): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= max) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries)
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

export function nestingIssue(path: ReadonlyArray<string | number>, max = MAX_NESTING_DEPTH) {
  return {
    pointer: toPointer(path),
    code: 'nesting-too-deep',
    message: {
      en: `Objects and arrays nest more than ${max} levels deep here`,
      fr: `Les objets et tableaux s'imbriquent ici sur plus de ${max} niveaux`,
    },
  };
}

/** Refuses (422, pointer to where the limit was passed) a document nested deeper than the limit. */
export function assertNestingDepth(document: unknown, max = MAX_NESTING_DEPTH): void {
  const path = pathBeyondDepth(document, max);
  if (path) throw new RelaisError('validation', 'nesting-too-deep', [nestingIssue(path, max)]);
}
