import * as z from 'zod';
import {
  type AgeReference,
  Condition,
  type FallbackField,
  Field,
  type Mapping,
  MappingTarget,
  type Scalar,
  SourcePath,
  TargetPointer,
  type ValueMap,
} from '../../schemas/mapping/language.ts';
import { type MappingIssue, mappingIssue } from './issues.ts';
import { parseSourcePath } from './source-path.ts';
import { type Target, type TargetKind, TARGET_SCHEMAS, WHOLE_VALUE_OBJECTS, resolveTarget } from './targets.ts';
import { type ValueKind, compileStep, transformName } from './transforms/catalogue.ts';
import { date } from './transforms/dates.ts';
import { TransformFailure } from './transforms/failure.ts';

/** Without these no output could ever be valid, so a mapping that leaves them out is refused up front. */
export const REQUIRED_TARGETS: Readonly<Record<MappingTarget, readonly string[]>> = {
  record: ['/sourceRecordId', '/person/sex', '/case/status'],
  // The submission's id is the referral's idempotency key: without it a form pushed twice would refer twice.
  referral: ['/sourceRecordId', '/reason', '/priority'],
};

const OUTPUT_NAME: Readonly<Record<MappingTarget, { en: string; fr: string; each: { en: string; fr: string } }>> = {
  record: {
    en: 'the canonical record',
    fr: "l'enregistrement canonique",
    each: { en: 'every record', fr: 'chaque enregistrement' },
  },
  referral: {
    en: 'a referral (ReferralInput)',
    fr: 'une référence (ReferralInput)',
    each: { en: 'every referral', fr: 'chaque référence' },
  },
};

function checkPath(text: string, at: ReadonlyArray<string | number>, issues: MappingIssue[]): void {
  if (parseSourcePath(text)) return;
  issues.push(
    mappingIssue(
      at,
      'mapping.bad-path',
      `"${text}" is not a valid source path (keys separated by dots, [n] or [*] after a key)`,
      `« ${text} » n'est pas un chemin source valide (clés séparées par des points, [n] ou [*] après une clé)`,
    ),
  );
}

const readDay = date(['yyyy-mm-dd']);

/** An age's reference: a path that parses, or a constant that is a real date (the received date needs no check). */
function checkReference(reference: AgeReference, at: ReadonlyArray<string | number>, issues: MappingIssue[]): void {
  if (reference === 'received') return;
  if (typeof reference === 'string') return checkPath(reference, at, issues);
  if ('from' in reference) return checkPath(reference.from, [...at, 'from'], issues);
  try {
    readDay(reference.constant);
  } catch (error) {
    if (!(error instanceof TransformFailure)) throw error;
    issues.push(
      mappingIssue(
        [...at, 'constant'],
        'mapping.bad-reference-date',
        `"${reference.constant}" is not a date written YYYY-MM-DD (between 1900 and 2100)`,
        `« ${reference.constant} » n'est pas une date écrite AAAA-MM-JJ (entre 1900 et 2100)`,
      ),
    );
  }
}

/** Where a value of this kind may go. */
function fits(kind: ValueKind, element: ValueKind | undefined, target: TargetKind): boolean {
  if (kind === 'any') return true;
  if (target.kind === 'array')
    return kind === 'list'
      ? element === undefined || fits(element, undefined, target.element)
      : fits(kind, undefined, target.element);
  if (kind === 'list') return false;
  if (target.kind === 'object')
    return (target.id === 'BirthDate' && kind === 'date') || (target.id === 'AgeAtRegistration' && kind === 'age');
  if (kind === 'date') return target.kind === 'string' && target.format === 'date';
  if (kind === 'age') return false;
  if (target.kind === 'number') return kind === 'number' || kind === 'scalar';
  return true;
}

function enumValues(target: TargetKind): readonly string[] | undefined {
  if (target.kind === 'enum') return target.values;
  if (target.kind === 'array' && target.element.kind === 'enum') return target.element.values;
  return undefined;
}

/** The schema a single value for this target must satisfy (for an array target, one element). */
function valueSchema(target: Target): z.ZodType {
  if (target.type.kind === 'array') return (target.schema as z.ZodArray<z.ZodType>).element;
  return target.schema;
}

/** The codes a final value map produces must be acceptable to the target: checked now, not per record. */
function checkMapOutputs(
  pointer: string,
  target: Target,
  map: ValueMap,
  at: ReadonlyArray<string | number>,
  issues: MappingIssue[],
): void {
  const codes = enumValues(target.type);
  const schema = valueSchema(target);
  const bad = (value: Scalar, path: ReadonlyArray<string | number>) =>
    issues.push(
      codes
        ? mappingIssue(
            path,
            'mapping.code-not-in-list',
            `"${String(value)}" is not a code of ${pointer} (${codes.join(', ')})`,
            `« ${String(value)} » n'est pas un code de ${pointer} (${codes.join(', ')})`,
          )
        : mappingIssue(
            path,
            'mapping.bad-map-value',
            `"${String(value)}" is not a valid value for ${pointer}`,
            `« ${String(value)} » n'est pas une valeur valide pour ${pointer}`,
          ),
    );
  for (const [key, value] of Object.entries(map.values))
    if (!schema.safeParse(value).success) bad(value, [...at, 'map', 'values', key]);
  if (map.default !== null && !schema.safeParse(map.default).success) bad(map.default, [...at, 'map', 'default']);
  if (map.unmapped === 'other' && !schema.safeParse('other').success) {
    issues.push(
      mappingIssue(
        [...at, 'map', 'unmapped'],
        'mapping.no-other-code',
        `${pointer} has no code "other": choose reject or warn`,
        `${pointer} n'a pas de code « other » : choisissez reject ou warn`,
      ),
    );
  }
}

function checkField(
  pointer: string,
  field: FallbackField | Field,
  target: Target,
  issues: MappingIssue[],
  at: ReadonlyArray<string | number> = ['fields', pointer],
): void {
  if ('otherwise' in field && field.otherwise)
    checkField(pointer, field.otherwise, target, issues, [...at, 'otherwise']);
  const hasFrom = field.from !== undefined;
  const hasValue = field.value !== undefined;
  if (hasFrom === hasValue) {
    issues.push(
      mappingIssue(
        at,
        'mapping.from-or-value',
        'Give either `from` (source paths) or `value` (a constant), not both or neither',
        'Indiquez soit `from` (chemins source), soit `value` (une constante), pas les deux ni aucun',
      ),
    );
    return;
  }
  if (hasValue) {
    if (field.transforms?.length || field.combine) {
      issues.push(
        mappingIssue(
          at,
          'mapping.constant-with-transforms',
          'A constant takes no transforms and no `combine`',
          'Une constante ne prend ni transformations ni `combine`',
        ),
      );
    }
    if (!valueSchema(target).safeParse(field.value).success) {
      issues.push(
        mappingIssue(
          [...at, 'value'],
          'mapping.bad-constant',
          `The constant is not a valid value for ${pointer}`,
          `La constante n'est pas une valeur valide pour ${pointer}`,
        ),
      );
    }
    return;
  }
  const sources = Array.isArray(field.from) ? field.from : [field.from!];
  sources.forEach((s, i) => checkPath(s, Array.isArray(field.from) ? [...at, 'from', i] : [...at, 'from'], issues));

  let kind: ValueKind = field.combine === 'all' || sources.some((s) => s.includes('[*]')) ? 'list' : 'any';
  let element: ValueKind | undefined;
  (field.transforms ?? []).forEach((t, i) => {
    const tAt = [...at, 'transforms', i];
    const name = transformName(t);
    if (typeof t === 'object' && ('age' in t || 'ageToBirthYear' in t))
      checkReference('age' in t ? t.age.reference : t.ageToBirthYear.reference, [...tAt, name, 'reference'], issues);
    const step = compileStep(t);
    const current = kind === 'list' && step.elementwise ? (element ?? 'any') : kind;
    if (!step.accepts.includes(current) && current !== 'any') {
      issues.push(
        mappingIssue(
          tAt,
          'mapping.transform-input',
          `Transform "${name}" cannot take the value the previous steps produce (${current})`,
          `La transformation « ${name} » ne peut pas prendre la valeur produite par les étapes précédentes (${current})`,
        ),
      );
    }
    if (kind === 'list' && step.elementwise) element = step.produces;
    else if (step.produces === 'list') {
      kind = 'list';
      element = 'text';
    } else if (name === 'first' && kind === 'list') {
      kind = element ?? 'any';
      element = undefined;
    } else {
      kind = step.produces;
      element = undefined;
    }
    if (typeof t === 'object' && 'map' in t && i === (field.transforms?.length ?? 0) - 1)
      checkMapOutputs(pointer, target, t.map, tAt, issues);
  });
  if (!fits(kind, element, target.type)) {
    issues.push(
      mappingIssue(
        at,
        'mapping.kind-mismatch',
        `The transforms produce a ${kind === 'list' ? `list of ${element ?? 'values'}` : kind} that cannot fill ${pointer}`,
        `Les transformations produisent ${kind === 'list' ? `une liste (${element ?? 'valeurs'})` : `une valeur ${kind}`} qui ne peut pas remplir ${pointer}`,
      ),
    );
  }
}

function checkCondition(c: Condition, at: ReadonlyArray<string | number>, issues: MappingIssue[]): void {
  checkPath(c.path, [...at, 'path'], issues);
  const tests = [c.equals, c.in, c.empty].filter((t) => t !== undefined).length;
  if (tests !== 1) {
    issues.push(
      mappingIssue(
        at,
        'mapping.condition',
        'A condition takes exactly one of `equals`, `in`, `empty`',
        'Une condition prend exactement un de `equals`, `in`, `empty`',
      ),
    );
  }
}

type FieldPart = readonly [pointer: string, field: Field | undefined];
type IndexedPart<T> = readonly [index: number, part: T];

function checkParts(
  fields: readonly FieldPart[] | undefined,
  skip: ReadonlyArray<IndexedPart<Condition>>,
  ignore: ReadonlyArray<IndexedPart<string>>,
  output: MappingTarget,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const pointers = (fields ?? []).map(([pointer]) => pointer);
  const name = OUTPUT_NAME[output];
  for (const [pointer, field] of fields ?? []) {
    const target = resolveTarget(pointer, TARGET_SCHEMAS[output]);
    if (!target) {
      issues.push(
        mappingIssue(
          ['fields', pointer],
          'mapping.unknown-target',
          `${pointer} is not a field of ${name.en}`,
          `${pointer} n'est pas un champ de ${name.fr}`,
        ),
      );
      continue;
    }
    if (target.type.kind === 'object' && !(target.type.id && WHOLE_VALUE_OBJECTS.has(target.type.id))) {
      issues.push(
        mappingIssue(
          ['fields', pointer],
          'mapping.target-is-group',
          `${pointer} is a group: map its fields one by one`,
          `${pointer} est un groupe : faites correspondre ses champs un par un`,
        ),
      );
      continue;
    }
    const inside = pointers.find((other) => other !== pointer && other.startsWith(pointer + '/'));
    if (inside) {
      issues.push(
        mappingIssue(
          ['fields', pointer],
          'mapping.overlapping-targets',
          `${pointer} and ${inside} overlap`,
          `${pointer} et ${inside} se chevauchent`,
        ),
      );
    }
    if (field) checkField(pointer, field, target, issues);
  }
  for (const required of fields ? REQUIRED_TARGETS[output] : []) {
    if (!pointers.includes(required)) {
      issues.push(
        mappingIssue(
          ['fields'],
          'mapping.required-target',
          `${required} must be mapped: ${name.each.en} needs it`,
          `${required} doit être renseigné : ${name.each.fr} en a besoin`,
        ),
      );
    }
  }
  for (const [i, c] of skip) checkCondition(c, ['skip', i], issues);
  for (const [i, p] of ignore) checkPath(p, ['ignore', i], issues);
  return issues;
}

/**
 * The checks JSON Schema cannot express: paths parse, targets exist in the canonical schema, transforms
 * chain sensibly, codes belong to the target's code list. Expects a mapping that passed the JSON Schema.
 */
export function checkMapping(mapping: Mapping): MappingIssue[] {
  const indexed = <T>(items: readonly T[] = []) => items.map((item, i) => [i, item] as const);
  return checkParts(
    Object.entries(mapping.fields),
    indexed(mapping.skip),
    indexed(mapping.ignore),
    mapping.target ?? 'record',
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of an array that the schema accepts on their own, with their index in the document. */
function wellFormed<T>(items: unknown, schema: z.ZodType<T>): Array<IndexedPart<T>> {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [[i, parsed.data] as const] : [];
  });
}

/**
 * The same checks on a document that failed the JSON Schema, so that one run reports every problem (an
 * unknown transform in one field does not hide an unknown target in another). Each part is judged by the
 * zod schema the JSON Schema is generated from: a target whose key is not a pointer is left to the schema's
 * issue; a target whose body is malformed still has its target checked; a malformed condition or ignored
 * path is skipped.
 */
export function checkWellFormedParts(document: unknown): MappingIssue[] {
  if (!isRecord(document)) return [];
  const fields = isRecord(document.fields)
    ? Object.entries(document.fields)
        .filter(([pointer]) => TargetPointer.safeParse(pointer).success)
        .map(([pointer, body]): FieldPart => {
          const parsed = Field.safeParse(body);
          return [pointer, parsed.success ? parsed.data : undefined];
        })
    : undefined;
  // An unreadable target is the JSON Schema's issue; the fields are then judged as a record's.
  const output = MappingTarget.safeParse(document.target ?? 'record');
  return checkParts(
    fields,
    wellFormed(document.skip, Condition),
    wellFormed(document.ignore, SourcePath),
    output.success ? output.data : 'record',
  );
}
