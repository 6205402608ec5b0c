import type { z } from 'zod';
import type { Condition, FallbackField, Field, Mapping, MappingTarget } from '../../schemas/mapping/language.ts';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { Localised } from '../i18n/language.ts';
import type { NormaliseContext, NormaliseResult, Normaliser } from '../ports.ts';
import { checkMapping } from './check.ts';
import { InvalidMappingError } from './issues.ts';
import { type SourcePathSpec, compileGetter, parseSourcePath } from './source-path.ts';
import { type Target, childSchema, isRequired, resolveTarget, targetSchemaOf } from './targets.ts';
import { type Step, type StepContext, compileStep } from './transforms/catalogue.ts';
import { TransformFailure } from './transforms/failure.ts';

/** A mapping problem met while mapping one record: which canonical field, which rule, which payload field. */
export interface MappingRecordIssue extends FieldIssue {
  /** The canonical field being filled. */
  readonly target: string;
  /** The transform or rule that failed. */
  readonly rule: string;
}

/** A code a value map did not know, mapped to `other`; the raw code is kept here, beside the record. */
interface OtherValue {
  readonly target: string;
  readonly pointer: string;
  readonly raw: string;
}

export interface MappingRun {
  readonly ok: boolean;
  readonly skipped: boolean;
  readonly record?: unknown;
  readonly origins: Readonly<Record<string, string>>;
  readonly issues: readonly MappingRecordIssue[];
  readonly warnings: readonly MappingRecordIssue[];
  readonly otherValues: readonly OtherValue[];
}

export interface CompiledMapping extends Normaliser {
  readonly mapping: Mapping;
  readonly target: MappingTarget;
  /** Every source path the mapping reads, including skip conditions, age references and ignored fields. */
  readonly readPaths: readonly SourcePathSpec[];
  readonly targets: readonly string[];
  /** The full account of one record: output, errors, warnings and kept raw codes (for preview). */
  run(payload: unknown, context?: NormaliseContext): MappingRun;
  normalise(payload: unknown, context?: NormaliseContext): NormaliseResult & { otherValues?: readonly OtherValue[] };
}

const isMissing = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const isPartialDate = (v: unknown): v is { value: string } =>
  typeof v === 'object' && v !== null && 'precision' in v && 'value' in v;

const THE_VALUE: Localised = { en: 'the value ', fr: 'la valeur ' };
const NOTHING: Localised = { en: '', fr: '' };

/** Per-record working state: also the sink transforms report to. One per record, never shared. */
class RunState implements StepContext {
  target = '';
  origin = '';
  issues: MappingRecordIssue[] | undefined;
  warnings: MappingRecordIssue[] | undefined;
  others: OtherValue[] | undefined;
  /** Which source each multi-source field used, when not its first: `slot:index,` pairs. */
  chosen: string | undefined;
  /** Which fields took a value from the payload (not a constant, nor a default): see compileBuilder. */
  sourced: boolean[] | undefined;

  constructor(
    readonly payload: unknown,
    readonly detailed: boolean,
    private received: string | undefined,
  ) {}

  /** Read only by an age stated at the received date; without one given, the moment the record is mapped. */
  get receivedAt(): string {
    return (this.received ??= new Date().toISOString());
  }

  private entry(rule: string, reason: Localised, subject: Localised): MappingRecordIssue {
    return {
      pointer: this.origin,
      code: `mapping.${rule}`,
      target: this.target,
      rule,
      message: {
        en: `Mapping ${this.target}, rule "${rule}": ${subject.en}${reason.en}`,
        fr: `Correspondance ${this.target}, règle « ${rule} » : ${subject.fr}${reason.fr}`,
      },
    };
  }

  fail(rule: string, reason: Localised): void {
    (this.issues ??= []).push(this.entry(rule, reason, THE_VALUE));
  }

  /** One warning per payload field and rule: a full name split three ways warns once. */
  warn(rule: string, reason: Localised): void {
    if (!this.detailed) return;
    if (this.warnings?.some((w) => w.pointer === this.origin && w.rule === rule)) return;
    (this.warnings ??= []).push(this.entry(rule, reason, NOTHING));
  }

  /** A failing transform on a field that only warns: said as a failure, recorded as a warning. */
  softFail(rule: string, reason: Localised): void {
    if (this.detailed) (this.warnings ??= []).push(this.entry(rule, reason, THE_VALUE));
  }

  keepOther(raw: string): void {
    (this.others ??= []).push({ target: this.target, pointer: this.origin, raw });
  }
}

type Evaluate = (state: RunState) => unknown;

function applyStep(step: Step, value: unknown, state: RunState): unknown {
  if (!Array.isArray(value) || !step.elementwise) return step.run(value, state);
  const out: unknown[] = [];
  for (const item of value) {
    if (isMissing(item)) continue;
    const mapped = step.run(item, state);
    if (!isMissing(mapped) && !out.includes(mapped)) out.push(mapped);
  }
  return out;
}

/** `offset` is where these paths start in the field's list of paths (a fallback's come after the main ones). */
function compileFetch(field: FallbackField, paths: readonly SourcePathSpec[], slot: number, offset: number): Evaluate {
  const getters = paths.map(compileGetter);
  const pointers = paths.map((p) => p.pointer);
  if (getters.length === 1) {
    const get = getters[0]!;
    const pointer = pointers[0]!;
    if (offset > 0) {
      const choice = `${slot}:${offset},`;
      return (state) => {
        state.origin = pointer;
        const v = get(state.payload);
        if (!isMissing(v)) state.chosen = (state.chosen ?? '') + choice;
        return v;
      };
    }
    return (state) => {
      state.origin = pointer;
      return get(state.payload);
    };
  }
  if (field.combine === 'all') {
    return (state) => {
      const out: unknown[] = [];
      state.origin = pointers[0]!;
      for (let i = 0; i < getters.length; i++) {
        const v = getters[i]!(state.payload);
        if (isMissing(v)) continue;
        if (out.length === 0) {
          state.origin = pointers[i]!;
          if (offset + i > 0) state.chosen = (state.chosen ?? '') + `${slot}:${offset + i},`;
        }
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      }
      return out;
    };
  }
  return (state) => {
    for (let i = 0; i < getters.length; i++) {
      const v = getters[i]!(state.payload);
      if (!isMissing(v)) {
        state.origin = pointers[i]!;
        if (offset + i > 0) state.chosen = (state.chosen ?? '') + `${slot}:${offset + i},`;
        return v;
      }
    }
    state.origin = pointers[0]!;
    return undefined;
  };
}

/** Final shaping for the target: a single value into a list target, a date's text into a date field. */
function coerceFor(target: Target): ((v: unknown) => unknown) | undefined {
  if (target.type.kind === 'array') return (v) => (Array.isArray(v) ? v : [v]);
  if (target.type.kind === 'string' && target.type.format === 'date') return (v) => (isPartialDate(v) ? v.value : v);
  return undefined;
}

interface CompiledField {
  readonly target: Target;
  readonly slot: number;
  readonly constant: boolean;
  readonly paths: readonly SourcePathSpec[];
  readonly evaluate: Evaluate;
}

const FAILED = Symbol('failed');

const OUT_OF_RANGE: Localised = {
  en: 'is not one the canonical field accepts (outside its range, length or form): the field was left out',
  fr: "n'est pas une valeur que le champ canonique accepte (hors de sa plage, de sa longueur ou de sa forme) : le champ a été laissé vide",
};

/**
 * One way of filling a field: a constant, or sources through transforms. FAILED once an issue is recorded.
 * `accepts`: whether the canonical field takes the final value. Asked for a field that only warns, so that an
 * absurd value (an age of 250, of -1) is left out with a warning instead of refusing the record when the
 * canonical schema checks it.
 */
function compileValue(
  pointer: string,
  spec: FallbackField,
  slot: number,
  offset: number,
  accepts: (value: unknown) => boolean,
): { evaluate: (state: RunState) => unknown; paths: SourcePathSpec[] } {
  if (spec.value !== undefined) {
    const constant = spec.value;
    return { evaluate: () => constant, paths: [] };
  }
  const paths = (Array.isArray(spec.from) ? spec.from : [spec.from!]).map((p) => parseSourcePath(p)!);
  const fetch = compileFetch(spec, paths, slot, offset);
  const steps = (spec.transforms ?? []).map(compileStep);
  const warnOnly = spec.onError === 'warn';
  const evaluate = (state: RunState): unknown => {
    state.target = pointer;
    let value = fetch(state);
    const fromPayload = !isMissing(value);
    try {
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (isMissing(value)) {
          if (step.onMissing) value = step.onMissing();
          continue;
        }
        value = applyStep(step, value, state);
      }
    } catch (error) {
      if (!(error instanceof TransformFailure)) throw error;
      if (warnOnly) {
        state.softFail(error.rule, error.reason);
        return undefined;
      }
      state.fail(error.rule, error.reason);
      return FAILED;
    }
    if (isMissing(value)) return undefined;
    if (warnOnly && !accepts(value)) {
      state.softFail('range', OUT_OF_RANGE);
      return undefined;
    }
    if (fromPayload) (state.sourced ??= [])[slot] = true;
    return value;
  };
  return { evaluate, paths: [...paths, ...steps.flatMap((s) => s.reads)] };
}

function compileField(pointer: string, field: Field, target: Target, slot: number): CompiledField {
  const coerce = coerceFor(target);
  if (field.value !== undefined) {
    const constant = coerce ? coerce(field.value) : field.value;
    return { target, slot, constant: true, paths: [], evaluate: () => constant };
  }
  const accepts = (value: unknown) => target.schema.safeParse(coerce ? coerce(value) : value).success;
  const main = compileValue(pointer, field, slot, 0, accepts);
  const fallback = field.otherwise
    ? compileValue(pointer, field.otherwise, slot, main.paths.length, accepts)
    : undefined;
  const required = field.required === true;
  const evaluate: Evaluate = (state) => {
    let value = main.evaluate(state);
    if (value === undefined && fallback) value = fallback.evaluate(state);
    if (value === FAILED) return undefined;
    if (value === undefined) {
      if (required)
        state.fail('required', {
          en: 'is missing and the field is required',
          fr: 'est absente alors que le champ est obligatoire',
        });
      return undefined;
    }
    return coerce ? coerce(value) : value;
  };
  return { target, slot, constant: false, paths: [...main.paths, ...(fallback?.paths ?? [])], evaluate };
}

type Build = (values: readonly unknown[], sourced: readonly boolean[] | undefined) => unknown;

interface TreeNode {
  slot?: number;
  dynamic: number[];
  children: Map<string | number, TreeNode>;
  required: boolean;
  schema: z.ZodType;
}

/**
 * Builds the nested record from the flat list of field values with closures laid out at compile time,
 * so that assembling a record walks no pointers. One rule for groups: the objects the schema requires
 * (person, name, case) are always present, with their constants; any other group (an optional object such
 * as an age or a location, a list, an element of a list such as a caregiver) is present only when one of its
 * fields took a value from the payload. Constants and defaults alone make no group: a caregiver's default
 * relationship makes no caregiver, and a constant `asOf` no age.
 */
function compileBuilder(fields: readonly CompiledField[], schema: z.ZodType): Build {
  const root: TreeNode = { dynamic: [], children: new Map(), required: true, schema };
  for (const f of fields) {
    let node = root;
    for (const segment of f.target.segments) {
      if (!f.constant) node.dynamic.push(f.slot);
      let child = node.children.get(segment);
      if (!child) {
        const schema = childSchema(node.schema, String(segment))!.schema;
        child = {
          dynamic: [],
          children: new Map(),
          required: typeof segment === 'string' && isRequired(schema),
          schema,
        };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.slot = f.slot;
    if (!f.constant) node.dynamic.push(f.slot);
  }
  // Required objects with nothing mapped below them (person.name) still appear, empty.
  const addRequired = (node: TreeNode) => {
    const shape = (
      node.schema as unknown as {
        _zod: { def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType } };
      }
    )._zod.def;
    const inner =
      shape.type === 'optional'
        ? (shape.innerType as unknown as { _zod: { def: { shape?: Record<string, z.ZodType> } } })._zod.def.shape
        : shape.shape;
    for (const [key, schema] of Object.entries(inner ?? {})) {
      const def = (schema as unknown as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === 'object' && !node.children.has(key))
        node.children.set(key, { dynamic: [], children: new Map(), required: true, schema });
    }
    for (const child of node.children.values()) if (child.required && child.slot === undefined) addRequired(child);
  };
  addRequired(root);
  const build = (node: TreeNode): Build => {
    if (node.slot !== undefined) {
      const slot = node.slot;
      return (values) => values[slot];
    }
    const entries = [...node.children.entries()];
    let group: Build;
    if (entries.length > 0 && entries.every(([k]) => typeof k === 'number')) {
      const elements = entries.sort(([a], [b]) => (a as number) - (b as number)).map(([, child]) => build(child));
      group = (values, sourced) => {
        const out: unknown[] = [];
        for (const element of elements) {
          const v = element(values, sourced);
          if (v !== undefined) out.push(v);
        }
        return out.length > 0 ? out : undefined;
      };
    } else {
      const keys = entries.map(([k]) => k as string);
      const builders = entries.map(([, child]) => build(child));
      const required = node.required;
      group = (values, sourced) => {
        let out: Record<string, unknown> | undefined;
        for (let i = 0; i < keys.length; i++) {
          const v = builders[i]!(values, sourced);
          if (v !== undefined) (out ??= {})[keys[i]!] = v;
        }
        return out ?? (required ? {} : undefined);
      };
    }
    if (node.required) return group;
    const dynamic = node.dynamic;
    return (values, sourced) => (sourced && dynamic.some((s) => sourced[s]) ? group(values, sourced) : undefined);
  };
  return build(root);
}

function compileCondition(c: Condition): (payload: unknown) => boolean {
  const get = compileGetter(parseSourcePath(c.path)!);
  if (c.empty !== undefined) {
    const empty = c.empty;
    return (p) => isMissing(get(p)) === empty;
  }
  const accepted = new Set((c.in ?? [c.equals!]).map(String));
  return (p) => {
    const v = get(p);
    return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && accepted.has(String(v));
  };
}

const SKIPPED: FieldIssue = {
  pointer: '',
  code: 'mapping.skipped',
  message: {
    en: 'The mapping skips this record (skip condition)',
    fr: 'La correspondance ignore cet enregistrement (condition skip)',
  },
};

const NOT_AN_OBJECT: MappingRecordIssue = {
  pointer: '',
  code: 'mapping.payload',
  target: '',
  rule: 'payload',
  message: { en: 'The payload must be a JSON object', fr: 'Le contenu doit être un objet JSON' },
};

/**
 * Compiles a checked mapping into closures: paths, transforms, value maps and the record layout are
 * all resolved here, once, so mapping a record runs no parsing and no lookups by name. Throws
 * InvalidMappingError when the mapping does not pass checkMapping.
 */
export function compile(mapping: Mapping, options: { version?: string | number } = {}): CompiledMapping {
  const issues = checkMapping(mapping);
  if (issues.length > 0) throw new InvalidMappingError(issues);
  const mappingVersion = `${mapping.id}@${options.version ?? 'draft'}`;
  const root = targetSchemaOf(mapping);
  const fields = Object.entries(mapping.fields).map(([pointer, field], slot) =>
    compileField(pointer, field, resolveTarget(pointer, root)!, slot),
  );
  const evaluators = fields.map((f) => f.evaluate);
  const buildRecord = compileBuilder(fields, root);
  const skips = (mapping.skip ?? []).map(compileCondition);
  const firstOrigins: Readonly<Record<string, string>> = Object.freeze(
    Object.fromEntries(fields.filter((f) => !f.constant).map((f) => [f.target.pointer, f.paths[0]!.pointer])),
  );
  const readPaths = [
    ...fields.flatMap((f) => f.paths),
    ...(mapping.skip ?? []).map((c) => parseSourcePath(c.path)!),
    ...(mapping.ignore ?? []).map((p) => parseSourcePath(p)!),
  ];

  // Origins depend only on which source each multi-source field used: a handful of combinations,
  // each built once and shared by every record that makes the same choices.
  const originsByChoice = new Map<string, Readonly<Record<string, string>>>();
  const originsOf = (state: RunState): Readonly<Record<string, string>> => {
    if (!state.chosen) return firstOrigins;
    const cached = originsByChoice.get(state.chosen);
    if (cached) return cached;
    const origins = { ...firstOrigins };
    for (const pair of state.chosen.slice(0, -1).split(',')) {
      const [slot, index] = pair.split(':').map(Number) as [number, number];
      const f = fields[slot]!;
      origins[f.target.pointer] = f.paths[index]!.pointer;
    }
    if (originsByChoice.size < 1024) originsByChoice.set(state.chosen, Object.freeze(origins));
    return origins;
  };

  const execute = (
    payload: unknown,
    detailed: boolean,
    context: NormaliseContext | undefined,
  ): { state: RunState; record?: unknown; skipped: boolean } => {
    const state = new RunState(payload, detailed, context?.receivedAt);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      state.issues = [NOT_AN_OBJECT];
      return { state, skipped: false };
    }
    for (const skip of skips) if (skip(payload)) return { state, skipped: true };
    const values = new Array<unknown>(evaluators.length);
    for (let i = 0; i < evaluators.length; i++) values[i] = evaluators[i]!(state);
    return { state, record: state.issues ? undefined : buildRecord(values, state.sourced), skipped: false };
  };

  return {
    mapping,
    target: mapping.target ?? 'record',
    mappingVersion,
    readPaths,
    targets: fields.map((f) => f.target.pointer),
    normalise(payload, context) {
      const { state, record, skipped } = execute(payload, false, context);
      if (skipped) return { ok: false, skipped: true, issues: [SKIPPED] };
      if (state.issues) return { ok: false, issues: state.issues };
      return state.others
        ? { ok: true, record, origins: originsOf(state), otherValues: state.others }
        : { ok: true, record, origins: originsOf(state) };
    },
    run(payload, context) {
      const { state, record, skipped } = execute(payload, true, context);
      return {
        ok: !skipped && !state.issues,
        skipped,
        ...(record === undefined ? {} : { record }),
        origins: originsOf(state),
        issues: state.issues ?? [],
        warnings: state.warnings ?? [],
        otherValues: state.others ?? [],
      };
    },
  };
}
