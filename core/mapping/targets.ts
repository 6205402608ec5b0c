import * as z from 'zod';
import { NormalisedRecord } from '../../schemas/canonical/record.ts';
import { MappedReferral } from '../../schemas/canonical/referral.ts';
import type { MappingTarget } from '../../schemas/mapping/language.ts';

/**
 * The canonical fields a mapping may fill, found by walking the schema it produces (NormalisedRecord, or
 * MappedReferral for a mapping with `target: referral`) itself, so that a new canonical field is
 * mappable without touching the engine.
 */

/** The schema a mapping's output is built on and validated against. */
export const TARGET_SCHEMAS: Readonly<Record<MappingTarget, z.ZodType>> = {
  record: NormalisedRecord,
  referral: MappedReferral,
};

export const targetSchemaOf = (mapping: { target?: MappingTarget | undefined }): z.ZodType =>
  TARGET_SCHEMAS[mapping.target ?? 'record'];
export type TargetKind =
  | { kind: 'string'; format?: string }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'object'; id?: string }
  | { kind: 'array'; element: TargetKind };

export interface Target {
  readonly pointer: string;
  /** Keys and array positions from the record root. */
  readonly segments: ReadonlyArray<string | number>;
  readonly type: TargetKind;
  readonly schema: z.ZodType;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string>;
  format?: string;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (
    let def = defOf(current);
    def.type === 'optional' || def.type === 'nullable' || def.type === 'default';
    def = defOf(current)
  )
    current = def.innerType!;
  return current;
}

/** Whether a property must be present in its parent object. */
export function isRequired(schema: z.ZodType): boolean {
  return defOf(schema).type !== 'optional';
}

function kindOf(schema: z.ZodType): TargetKind {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return def.format ? { kind: 'string', format: def.format } : { kind: 'string' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}) };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', element: kindOf(def.element!) };
    case 'literal':
      return { kind: 'enum', values: (def.values ?? []).map(String) };
    case 'union': {
      // A discriminator of a union (`basis`): its options' literals make one code list.
      const kinds = (def.options ?? []).map(kindOf);
      if (kinds.length > 0 && kinds.every((k) => k.kind === 'enum'))
        return { kind: 'enum', values: [...new Set(kinds.flatMap((k) => (k.kind === 'enum' ? k.values : [])))] };
      return { kind: 'object' };
    }
    default: {
      const id = (s as unknown as { meta?: () => { id?: string } | undefined }).meta?.()?.id;
      return id ? { kind: 'object', id } : { kind: 'object' };
    }
  }
}

/** Children of an object or array schema, by key or position. */
export function childSchema(
  schema: z.ZodType,
  segment: string,
): { schema: z.ZodType; segment: string | number } | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'object') {
    const child = def.shape?.[segment];
    return child && Object.hasOwn(def.shape!, segment) ? { schema: child, segment } : undefined;
  }
  if (def.type === 'array' && /^(0|[1-9]\d{0,1})$/.test(segment))
    return { schema: def.element!, segment: Number(segment) };
  if (def.type === 'union') {
    // A union of objects (a referral's consent, or its override) offers the keys of every option. A key
    // several options share is the first option's, except a discriminator, which takes every option's value.
    const found = (def.options ?? []).flatMap((option) => childSchema(option, segment)?.schema ?? []);
    if (found.length === 0) return undefined;
    const literals = found.length > 1 && found.every((f) => defOf(unwrap(f)).type === 'literal');
    const schema = literals ? z.union(found as [z.ZodType, z.ZodType, ...z.ZodType[]]) : found[0]!;
    return { schema: found.every((f) => !isRequired(f)) ? schema.optional() : schema, segment };
  }
  return undefined;
}

/** Resolves a canonical pointer such as /person/name/given or /person/caregivers/0/phone. */
export function resolveTarget(pointer: string, root: z.ZodType = NormalisedRecord): Target | undefined {
  if (!pointer.startsWith('/')) return undefined;
  let schema = root;
  const segments: Array<string | number> = [];
  for (const raw of pointer.slice(1).split('/')) {
    const child = childSchema(schema, raw);
    if (!child) return undefined;
    schema = child.schema;
    segments.push(child.segment);
  }
  return { pointer, segments, type: kindOf(schema), schema: unwrap(schema) };
}

/** Objects a single transform fills as a whole (date → BirthDate, age → AgeAtRegistration). */
export const WHOLE_VALUE_OBJECTS: ReadonlySet<string> = new Set(['BirthDate', 'AgeAtRegistration']);

/** Every leaf a mapping could fill (arrays of objects shown at position 0), for coverage reports. */
export function listTargetLeaves(root: z.ZodType = NormalisedRecord): string[] {
  const out: string[] = [];
  const walk = (schema: z.ZodType, pointer: string) => {
    const def = defOf(unwrap(schema));
    const type = kindOf(schema);
    if (def.type === 'union' && (def.options ?? []).every((o) => defOf(unwrap(o)).type === 'object')) {
      const keys = new Set((def.options ?? []).flatMap((o) => Object.keys(defOf(unwrap(o)).shape ?? {})));
      for (const k of keys) walk(childSchema(schema, k)!.schema, `${pointer}/${k}`);
    } else if (def.type === 'object' && !(type.kind === 'object' && type.id && WHOLE_VALUE_OBJECTS.has(type.id))) {
      for (const [k, v] of Object.entries(def.shape ?? {})) walk(v, `${pointer}/${k}`);
    } else if (def.type === 'array' && defOf(unwrap(def.element!)).type === 'object') {
      walk(def.element!, `${pointer}/0`);
    } else out.push(pointer);
  };
  walk(root, '');
  return out;
}
