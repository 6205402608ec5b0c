import { toPointer } from '../errors/field-issue.ts';

/**
 * Source paths: `a.b[0].c`, `items[*].name`, `enfant/nom` (a Kobo group path is one key). Parsed once,
 * then turned into a getter specialised for its shape, because it runs for every field of every record.
 */
type PathStep = { key: string } | { index: number } | { any: true };

export interface SourcePathSpec {
  readonly text: string;
  readonly steps: readonly PathStep[];
  readonly hasWildcard: boolean;
  /** RFC 6901 pointer of what the path reads; for a wildcard, the array it iterates. */
  readonly pointer: string;
}

const KEY = /^[^.[\]]+$/;
/** Keys that would reach an object's prototype instead of the payload's own data. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Returns the parsed path, or undefined when the text is not a valid path. */
export function parseSourcePath(text: string): SourcePathSpec | undefined {
  if (text.length === 0 || text.trim() !== text) return undefined;
  const steps: PathStep[] = [];
  for (const part of text.split('.')) {
    const open = part.indexOf('[');
    const key = open === -1 ? part : part.slice(0, open);
    if (!KEY.test(key) || FORBIDDEN.has(key)) return undefined;
    steps.push({ key });
    let rest = open === -1 ? '' : part.slice(open);
    while (rest.length > 0) {
      const match = /^\[(\d{1,6}|\*)\]/.exec(rest);
      if (!match) return undefined;
      steps.push(match[1] === '*' ? { any: true } : { index: Number(match[1]) });
      rest = rest.slice(match[0].length);
    }
  }
  const firstWildcard = steps.findIndex((s) => 'any' in s);
  const hasWildcard = firstWildcard !== -1;
  const fixed = hasWildcard ? steps.slice(0, firstWildcard) : steps;
  return {
    text,
    steps,
    hasWildcard,
    pointer: toPointer(fixed.map((s) => ('key' in s ? s.key : (s as { index: number }).index))),
  };
}

type Getter = (payload: unknown) => unknown;

/**
 * JSON has no functions: a function found under a key is inherited from Object.prototype (toString,
 * valueOf...) and is not the partner's data. Cheaper than an own-property check on every read.
 */
const data = (v: unknown): unknown => (typeof v === 'function' ? undefined : v);

function step(value: unknown, s: PathStep): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if ('key' in s) return Array.isArray(value) ? undefined : data((value as Record<string, unknown>)[s.key]);
  if ('index' in s) return Array.isArray(value) ? value[s.index] : undefined;
  return undefined;
}

function collect(value: unknown, steps: readonly PathStep[], from: number, out: unknown[]): void {
  let current = value;
  for (let i = from; i < steps.length; i++) {
    const s = steps[i]!;
    if ('any' in s) {
      if (!Array.isArray(current)) return;
      for (const item of current) collect(item, steps, i + 1, out);
      return;
    }
    current = step(current, s);
    if (current === undefined || current === null) return;
  }
  // Empty answers inside a list are dropped, as an empty answer is for a single value.
  if (Array.isArray(current)) {
    for (const item of current) if (item !== undefined && item !== null && item !== '') out.push(item);
  } else if (current !== '') out.push(current);
}

const own = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' && !Array.isArray(o) ? data((o as Record<string, unknown>)[key]) : undefined;

/** A getter for the path. With a wildcard it returns the list of every value found (possibly empty). */
export function compileGetter(path: SourcePathSpec): Getter {
  const { steps } = path;
  if (path.hasWildcard) {
    return (payload) => {
      const out: unknown[] = [];
      collect(payload, steps, 0, out);
      return out;
    };
  }
  if (steps.length === 1) {
    const key = (steps[0] as { key: string }).key;
    return (payload) => own(payload, key);
  }
  if (steps.length === 2 && 'key' in steps[0]! && 'key' in steps[1]!) {
    const a = steps[0].key;
    const b = steps[1].key;
    return (payload) => own(own(payload, a), b);
  }
  return (payload) => {
    let current = payload;
    for (const s of steps) {
      current = step(current, s);
      if (current === undefined || current === null) return undefined;
    }
    return current;
  };
}

/** Whether the path reads the payload location given as segments (a path also reads everything below it). */
export function pathCovers(path: SourcePathSpec, segments: readonly string[]): boolean {
  if (path.steps.length > segments.length) return false;
  return path.steps.every((s, i) => {
    const seg = segments[i]!;
    if ('key' in s) return s.key === seg;
    if ('index' in s) return String(s.index) === seg;
    return /^\d+$/.test(seg);
  });
}

/** A payload location written back in path notation, array positions generalised to `[*]`. */
function segmentsToPathText(segments: readonly string[], arrays: ReadonlySet<number>): string {
  let text = '';
  segments.forEach((seg, i) => {
    if (arrays.has(i)) text += '[*]';
    else text += (text === '' ? '' : '.') + seg;
  });
  return text;
}

/** Like payloadLeaves, but also says which segment positions are array indexes. */
export function payloadLeafPaths(payload: unknown): Array<{ segments: string[]; text: string }> {
  const out: Array<{ segments: string[]; text: string }> = [];
  const walk = (value: unknown, at: string[], arrays: Set<number>) => {
    if (value !== null && typeof value === 'object') {
      const isArray = Array.isArray(value);
      const entries = isArray ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      if (entries.length === 0 && at.length > 0) out.push({ segments: at, text: segmentsToPathText(at, arrays) });
      for (const [k, v] of entries) walk(v, [...at, k], isArray ? new Set([...arrays, at.length]) : arrays);
      return;
    }
    if (at.length > 0) out.push({ segments: at, text: segmentsToPathText(at, arrays) });
  };
  walk(payload, [], new Set());
  return out;
}
