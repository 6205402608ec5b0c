import type { AgeReference, Transform } from '../../../schemas/mapping/language.ts';
import { type SourcePathSpec, compileGetter, parseSourcePath } from '../source-path.ts';
import { ageAtRegistration, ageToBirthYear, date, timestamp } from './dates.ts';
import type { TransformSink } from './failure.ts';
import { splitName } from './names.ts';
import { phone } from './phone.ts';
import {
  first,
  integer,
  join,
  lower,
  number,
  removePrefix,
  split,
  splitPart,
  title,
  trim,
  upper,
  words,
} from './text.ts';
import { valueMap } from './value-map.ts';

/** What a value is between transforms, as far as the mapping can tell before seeing any payload. */
export type ValueKind = 'any' | 'text' | 'list' | 'number' | 'scalar' | 'date' | 'age';

export interface StepContext extends TransformSink {
  readonly payload: unknown;
  /** When Relais received the record (ISO 8601), for an age stated `reference: received`. */
  readonly receivedAt: string;
}

export interface Step {
  readonly name: string;
  readonly run: (value: unknown, ctx: StepContext) => unknown;
  /** Applied to each element when the value is a list. */
  readonly elementwise: boolean;
  /** The value produced when the input is empty; steps without it let emptiness pass through. */
  readonly onMissing?: () => unknown;
  readonly accepts: readonly ValueKind[];
  readonly produces: ValueKind;
  /** Source paths the step reads besides the field's own (an age's reference date). */
  readonly reads: readonly SourcePathSpec[];
}

const TEXTUAL: readonly ValueKind[] = ['any', 'text', 'scalar', 'number', 'list'];

const simple = (
  name: string,
  run: (value: unknown, ctx: StepContext) => unknown,
  produces: ValueKind,
  accepts: readonly ValueKind[] = TEXTUAL,
  elementwise = true,
): Step => ({
  name,
  run,
  elementwise,
  accepts,
  produces,
  reads: [],
});

/** The source path an age's reference reads, if it reads one (not a constant, nor the received date). */
export function referencePath(reference: AgeReference): string | undefined {
  if (reference === 'received') return undefined;
  if (typeof reference === 'string') return reference;
  return 'from' in reference ? reference.from : undefined;
}

function compileReference(reference: AgeReference): {
  read: (ctx: StepContext) => unknown;
  path?: SourcePathSpec;
} {
  if (reference === 'received') return { read: (ctx) => ctx.receivedAt };
  if (typeof reference === 'object' && 'constant' in reference) {
    const constant = reference.constant;
    return { read: () => constant };
  }
  const path = parseSourcePath(referencePath(reference)!);
  // An unparsable reference is reported by the mapping check; compile never sees one.
  if (!path) return { read: () => undefined };
  const get = compileGetter(path);
  return { read: (ctx) => get(ctx.payload), path };
}

export function transformName(t: Transform): string {
  return typeof t === 'string' ? t : Object.keys(t)[0]!;
}

/**
 * Turns one catalogue entry into a step. Options are read here, once: the returned closures do no
 * lookups by name at run time.
 */
export function compileStep(t: Transform): Step {
  if (typeof t === 'string') {
    switch (t) {
      case 'trim':
        return simple(t, trim, 'text');
      case 'upper':
        return simple(t, upper, 'text');
      case 'lower':
        return simple(t, lower, 'text');
      case 'title':
        return simple(t, title, 'text');
      case 'words':
        return simple(t, words, 'list', TEXTUAL, false);
      case 'first':
        return simple(t, first, 'any', ['list', 'any'], false);
      case 'number':
        return simple(t, number, 'number');
      case 'integer':
        return simple(t, integer, 'number');
    }
  }
  if ('split' in t) {
    const spec = typeof t.split === 'string' ? { separator: t.split } : t.split;
    return spec.index === undefined
      ? simple('split', split(spec.separator), 'list', TEXTUAL, false)
      : simple('split', splitPart(spec.separator, spec.index), 'text');
  }
  if ('join' in t) return simple('join', join(t.join), 'text', TEXTUAL, false);
  if ('removePrefix' in t) return simple('removePrefix', removePrefix(t.removePrefix), 'text');
  if ('splitName' in t) {
    const spec = typeof t.splitName === 'string' ? { part: t.splitName } : t.splitName;
    return simple('splitName', splitName(spec.part, spec.order), 'text');
  }
  if ('date' in t) return simple('date', date(t.date), 'date');
  if ('timestamp' in t) return simple('timestamp', timestamp(t.timestamp.assumeOffset), 'text');
  if ('phone' in t) return simple('phone', phone(t.phone.country), 'text');
  if ('ageToBirthYear' in t || 'age' in t) {
    const name = 'age' in t ? 'age' : 'ageToBirthYear';
    const { read, path } = compileReference('age' in t ? t.age.reference : t.ageToBirthYear.reference);
    const fn = name === 'age' ? ageAtRegistration : ageToBirthYear;
    return {
      name,
      run: (value, ctx) => fn(value, read(ctx)),
      elementwise: true,
      accepts: TEXTUAL,
      produces: name === 'age' ? 'age' : 'date',
      reads: path ? [path] : [],
    };
  }
  const map = valueMap(t.map);
  const fallback = map.fallback;
  return {
    name: 'map',
    run: map.apply,
    elementwise: true,
    onMissing: () => fallback,
    accepts: TEXTUAL,
    produces: 'scalar',
    reads: [],
  };
}

/** Every name in the catalogue, for error messages that suggest what exists. */
export const TRANSFORM_NAMES = [
  'trim',
  'upper',
  'lower',
  'title',
  'words',
  'first',
  'number',
  'integer',
  'split',
  'join',
  'removePrefix',
  'splitName',
  'date',
  'timestamp',
  'ageToBirthYear',
  'age',
  'phone',
  'map',
] as const;
