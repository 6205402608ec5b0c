import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { CST, Lexer, LineCounter, type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Mapping } from '../../schemas/mapping/language.ts';
import { mappingJsonSchema } from '../../schemas/mapping/json-schema.ts';
import { toPointer } from '../errors/field-issue.ts';
import { MAX_NESTING_DEPTH, nestingIssue, pathBeyondDepth } from '../validation/depth.ts';
import { ajvMessage, transformMessage } from './ajv-messages.ts';
import { checkMapping, checkWellFormedParts } from './check.ts';
import type { MappingIssue } from './issues.ts';

export type MappingCheck = { ok: true; mapping: Mapping } | { ok: false; issues: MappingIssue[] };

// Our own, fixed schema is the only one ajv ever compiles; admin input is only ever validated.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateShape = ajv.compile<Mapping>(mappingJsonSchema);

const decode = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');
const segmentsOf = (pointer: string) => (pointer === '' ? [] : pointer.slice(1).split('/').map(decode));

function valueAt(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const seg of segmentsOf(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[seg];
  }
  return current;
}

const TRANSFORM_AT = /^\/fields\/[^/]+\/transforms\/\d+$/;
const within = (pointer: string, ancestor: string) => pointer === ancestor || pointer.startsWith(ancestor + '/');

/** Errors that say a value does not have a branch's shape at all, rather than something wrong inside it. */
const SHAPE_MISMATCH = new Set(['type', 'const', 'enum', 'required', 'additionalProperties', 'anyOf']);

interface Branch {
  readonly instancePath: string;
  readonly anyOf: string;
  /** Where this branch's errors come from (ajv names schema paths from the definition being checked). */
  readonly prefix: string;
}

/**
 * The one branch of an anyOf whose shape the value has (text for the text form, an object with that form's
 * keys), if exactly one has: its errors say what is wrong with the value. A branch has the value's shape when
 * none of its errors at the value itself is a mismatch of type or keys.
 */
function chosenBranch(anyOf: ErrorObject, errors: readonly ErrorObject[]): Branch | undefined {
  const within = anyOf.schemaPath + '/';
  const fits = new Map<string, boolean>();
  for (const e of errors) {
    if (!e.schemaPath.startsWith(within)) continue;
    const prefix = within + e.schemaPath.slice(within.length).split('/')[0]! + '/';
    const mismatch = e.instancePath === anyOf.instancePath && SHAPE_MISMATCH.has(e.keyword);
    fits.set(prefix, (fits.get(prefix) ?? true) && !mismatch);
  }
  const fitting = [...fits].filter(([, ok]) => ok);
  return fitting.length === 1 ? { instancePath: anyOf.instancePath, anyOf: within, prefix: fitting[0]![0] } : undefined;
}

/** An error of another branch than the one chosen at that place. */
const outsideChosen = (e: ErrorObject, branch: Branch): boolean =>
  (e.schemaPath.startsWith(branch.anyOf) || e.instancePath === branch.instancePath) &&
  !e.schemaPath.startsWith(branch.prefix);

/**
 * ajv with allErrors reports every branch of an anyOf. One sentence per place reads better: for a
 * transform, "unknown transform" or the errors of the one branch its name selects; elsewhere, the errors
 * of the one branch whose shape the value has (an option given as text or as an object), else a single
 * "none of the allowed forms".
 */
function shapeIssues(doc: unknown, errors: readonly ErrorObject[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const folded: string[] = [];
  const keepBranch: string[] = [];
  const chosen: Branch[] = [];
  for (const e of errors.filter((x) => x.keyword === 'anyOf')) {
    if (TRANSFORM_AT.test(e.instancePath)) {
      const told = transformMessage(valueAt(doc, e.instancePath));
      const value = valueAt(doc, e.instancePath);
      if (told.code === 'mapping.transform-options' && typeof value === 'object' && value !== null) {
        keepBranch.push(e.instancePath + toPointer([Object.keys(value)[0]!]));
        continue;
      }
      issues.push({ pointer: e.instancePath, ...told });
    } else {
      const branch = chosenBranch(e, errors);
      if (branch !== undefined) {
        chosen.push(branch);
        continue;
      }
      issues.push({
        pointer: e.instancePath,
        code: 'mapping.schema.anyOf',
        message: { en: 'Does not have any of the allowed forms', fr: "N'a aucune des formes permises" },
      });
    }
    folded.push(e.instancePath);
  }
  const seen = new Set(issues.map((i) => i.pointer));
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.propertyName !== undefined) continue;
    if (chosen.some((branch) => outsideChosen(e, branch))) continue;
    const transform = keepBranch.find((k) => within(e.instancePath, k.slice(0, k.lastIndexOf('/'))));
    if (transform !== undefined && !within(e.instancePath, transform)) continue;
    if (folded.some((f) => within(e.instancePath, f))) continue;
    const p = e.params as Record<string, unknown>;
    const named =
      e.keyword === 'additionalProperties'
        ? String(p.additionalProperty)
        : typeof p.propertyName === 'string'
          ? p.propertyName
          : undefined;
    const pointer = named === undefined ? e.instancePath : e.instancePath + toPointer([named]);
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const message =
      e.keyword === 'propertyNames' && e.instancePath === '/fields'
        ? {
            en: 'A target field is a canonical pointer such as /person/name/given',
            fr: 'Un champ cible est un pointeur canonique comme /person/name/given',
          }
        : ajvMessage(e);
    issues.push({ pointer, code: `mapping.schema.${e.keyword}`, message });
  }
  return issues;
}

/**
 * Checks a mapping given as data (the admin API's JSON body): the JSON Schema, then the checks that need
 * the canonical schema, on the whole mapping or, when the JSON Schema fails, on every part that is well
 * formed, so that every problem is reported at once. Issues carry RFC 6901 pointers into the document.
 */
export function validateMapping(document: unknown): MappingCheck {
  if (!validateShape(document)) {
    const shape = shapeIssues(document, validateShape.errors ?? []);
    return { ok: false, issues: [...shape, ...checkWellFormedParts(document)] };
  }
  const issues = checkMapping(document);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, mapping: document };
}

/** The offset of the YAML node a pointer names (the key, for a property), or of its nearest ancestor. */
function offsetOf(contents: Node | null, pointer: string): number | undefined {
  let node: unknown = contents;
  let offset = contents?.range?.[0];
  for (const seg of segmentsOf(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === seg);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** A mapping is a small configuration file: the largest built-in one is a few kilobytes. */
export const MAX_MAPPING_CHARS = 256 * 1024;
/** Aliases YAML may expand: a few are handy, thousands are a "billion laughs" attack. */
const MAX_ALIAS_COUNT = 100;
/** Beyond this, a line's indentation alone says the document nests too deeply. */
const MAX_INDENT = 4 * MAX_NESTING_DEPTH;

const limitIssue = (code: string, en: string, fr: string, line?: number): MappingIssue => ({
  pointer: '',
  code: `mapping.limit.${code}`,
  message: { en, fr },
  ...(line ? { line, column: 1 } : {}),
});

const BLOCK_INDICATORS = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

/**
 * The yaml parser's memory and stack run out on deeply nested input, so the text is checked before it
 * is parsed, on the tokens of yaml's own lexer (a flat state machine, safe on any input): flow
 * collections open, and each line's indentation plus its block indicators (`- - - x` nests on one line),
 * an over-estimate of block depth, which is the safe side. Returns the line where a limit is passed.
 */
function textTooDeep(text: string): number | undefined {
  let flow = 0;
  let line = 1;
  let lineDepth = 0;
  let atLineStart = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'newline') {
      line++;
      lineDepth = 0;
      atLineStart = true;
      continue;
    }
    if (type === 'space' && atLineStart) lineDepth += token.length;
    else if (type !== null && BLOCK_INDICATORS.has(type)) lineDepth++;
    else if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    atLineStart = false;
    // Multi-line scalars (block, quoted) are one token: keep counting lines through them.
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++;
    if (flow > MAX_NESTING_DEPTH || lineDepth > MAX_INDENT) return line;
  }
  return undefined;
}

/**
 * Reads a mapping file (YAML, or JSON, which YAML reads too) and checks it. Every issue has a pointer
 * and the 1-based line and column it points at in the text. Oversized, too deeply nested or
 * alias-bombed documents are refused with an issue, never parsed to exhaustion.
 */
export function parseMapping(text: string): MappingCheck {
  if (text.length > MAX_MAPPING_CHARS)
    return {
      ok: false,
      issues: [
        limitIssue(
          'size',
          `A mapping holds at most ${MAX_MAPPING_CHARS / 1024} KiB`,
          `Une correspondance fait au plus ${MAX_MAPPING_CHARS / 1024} Kio`,
        ),
      ],
    };
  const deepAt = textTooDeep(text);
  if (deepAt !== undefined)
    return {
      ok: false,
      issues: [
        limitIssue(
          'depth',
          `The document nests more than ${MAX_NESTING_DEPTH} levels deep`,
          `Le document s'imbrique sur plus de ${MAX_NESTING_DEPTH} niveaux`,
          deepAt,
        ),
      ],
    };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        pointer: '',
        code: `mapping.syntax.${e.code.toLowerCase()}`,
        message: { en: `Not valid YAML or JSON (${e.code})`, fr: `YAML ou JSON invalide (${e.code})` },
        ...at(e.pos[0]),
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when expanding aliases would pass maxAliasCount.
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      issues: [
        limitIssue('aliases', 'The document expands too many YAML aliases', 'Le document développe trop d’alias YAML'),
      ],
    };
  }
  const tooDeep = pathBeyondDepth(data);
  if (tooDeep)
    return { ok: false, issues: [{ ...nestingIssue(tooDeep), ...at(offsetOf(doc.contents, toPointer(tooDeep))) }] };
  const checked = validateMapping(data);
  if (checked.ok) return checked;
  const located = checked.issues.map((i) => ({ ...i, ...at(offsetOf(doc.contents, i.pointer)) }));
  return {
    ok: false,
    issues: located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
  };
}
