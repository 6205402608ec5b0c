import type { Condition, DateFormat, Field, Mapping, Transform } from '../../schemas/mapping/language.ts';
import { type SourcePathSpec, parseSourcePath } from './source-path.ts';
import { resolveTarget } from './targets.ts';

/**
 * A source payload made safe to keep as a preview sample. Its structure and every key stay, so a draft
 * mapping still finds its fields; booleans and null stay; numbers stay where the mapping reads them (an
 * age, a count) and are 0 elsewhere (Kobo's `_geolocation` says where a child was met); codes stay (the
 * values of the mapping's code lists and skip conditions, and snake_case tokens in a field the mapping
 * reads: elsewhere `agent_kananga_03` names an enumerator and a place), since they are what a preview
 * checks and are not personal data; dates keep their format and year with month and day set to 01; every other string is
 * masked character by character (letters x or X keeping case, digits 0, anything else kept), so a name, a
 * phone number, an identifier or a note cannot be read back from a sample.
 *
 * Written here rather than taken from a library: the rule depends on the mapping (which fields are code
 * lists), and no maintained JSON-anonymisation package keeps structure and codes this way.
 */

type Step = SourcePathSpec['steps'][number];

/** Where codes may be read, and which codes the mapping knows there. */
interface CodeSite {
  readonly steps: readonly Step[];
  /** Known codes, folded as the value map folds them (trimmed, lower case unless case-sensitive). */
  readonly codes: ReadonlySet<string>;
  readonly caseSensitive: boolean;
}

/** The mapping read once: every place it reads a code list, and its split separators. */
export interface MinimisePlan {
  readonly sites: readonly CodeSite[];
  readonly separators: readonly string[];
  /** Where an age is read: a stated age sent as text ("8") is a number, and is kept as numbers are. */
  readonly ages: ReadonlyArray<readonly Step[]>;
  /** Where a date transform reads formats written without separators (yyyy, yyyymmdd, a spreadsheet serial). */
  readonly dates: ReadonlyArray<{ steps: readonly Step[]; formats: ReadonlySet<DateFormat> }>;
  /** Every source path a field reads: numbers and snake_case tokens are kept there only. */
  readonly read: ReadonlyArray<readonly Step[]>;
  /** Without a mapping (the canonical passthrough), codes are the canonical schema's own enum values. */
  readonly canonical: boolean;
}

const foldCode = (value: string, caseSensitive: boolean) =>
  caseSensitive ? value.trim() : value.trim().toLocaleLowerCase('fr');

function pathsOf(field: Field | Field['otherwise']): string[] {
  if (!field?.from) return [];
  return Array.isArray(field.from) ? field.from : [field.from];
}

function addSite(sites: CodeSite[], path: string, codes: Iterable<string>, caseSensitive: boolean): void {
  const spec = parseSourcePath(path);
  if (!spec) return;
  sites.push({ steps: spec.steps, codes: new Set([...codes].map((c) => foldCode(c, caseSensitive))), caseSensitive });
}

function fieldSites(
  field: Field | NonNullable<Field['otherwise']>,
  sites: CodeSite[],
  separators: string[],
  ages: Array<readonly Step[]>,
  dates: Array<MinimisePlan['dates'][number]>,
  read: Array<readonly Step[]>,
): void {
  for (const path of pathsOf(field)) {
    const spec = parseSourcePath(path);
    if (spec) read.push(spec.steps);
  }
  const transforms: readonly Transform[] = field.transforms ?? [];
  for (const t of transforms) {
    if (typeof t === 'object' && 'date' in t)
      for (const path of pathsOf(field)) {
        const spec = parseSourcePath(path);
        if (spec) dates.push({ steps: spec.steps, formats: new Set(t.date) });
      }
    if (typeof t === 'object' && ('age' in t || 'ageToBirthYear' in t))
      for (const path of pathsOf(field)) {
        const spec = parseSourcePath(path);
        if (spec) ages.push(spec.steps);
      }
    if (typeof t === 'object' && 'split' in t)
      separators.push(typeof t.split === 'string' ? t.split : t.split.separator);
    if (typeof t === 'object' && 'map' in t)
      for (const path of pathsOf(field)) addSite(sites, path, Object.keys(t.map.values), t.map.caseSensitive ?? false);
  }
}

function conditionSite(condition: Condition, sites: CodeSite[]): void {
  const values = [...(condition.equals !== undefined ? [condition.equals] : []), ...(condition.in ?? [])];
  const texts = values.filter((v): v is string => typeof v === 'string');
  // A skip condition compares exactly: the code must survive exactly for the preview to skip it again.
  if (texts.length > 0) addSite(sites, condition.path, texts, true);
}

/** Read a mapping once; the plan is reused for every sample of the source. */
export function planMinimise(mapping: Mapping | undefined): MinimisePlan {
  if (!mapping) return { sites: [], separators: [], ages: [], dates: [], read: [], canonical: true };
  const sites: CodeSite[] = [];
  const separators: string[] = [];
  const ages: Array<readonly Step[]> = [];
  const dates: Array<MinimisePlan['dates'][number]> = [];
  const read: Array<readonly Step[]> = [];
  for (const field of Object.values(mapping.fields)) {
    fieldSites(field, sites, separators, ages, dates, read);
    if (field.otherwise) fieldSites(field.otherwise, sites, separators, ages, dates, read);
  }
  for (const condition of mapping.skip ?? []) conditionSite(condition, sites);
  return { sites, separators: [...new Set(separators)], ages, dates, read, canonical: false };
}

/**
 * Whether a source path reads the value at `location`: step by step, a wildcard taking any index; a path
 * ending on a list reads the list's items, as the mapping engine does.
 */
function reads(steps: readonly Step[], location: readonly (string | number)[]): boolean {
  if (location.length !== steps.length && location.length !== steps.length + 1) return false;
  if (location.length === steps.length + 1 && typeof location[location.length - 1] !== 'number') return false;
  return steps.every((s, i) => {
    const at = location[i];
    if ('key' in s) return at === s.key;
    if ('index' in s) return at === s.index;
    return typeof at === 'number';
  });
}

/** An age in years (or months) written as text: at most three digits, as a JSON number would be kept. */
const STATED_AGE = /^\s*\d{1,3}([.,]\d{1,2})?\s*$/;

const SNAKE_CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/** ISO dates and date-times, and dates written with the day or month first, or month and year alone. */
const ISO_DATE =
  /^(\d{4})([-/])(\d{2})\2(\d{2})([T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})([/.-])(\d{4})$/;

const plausibleYear = (y: string) => Number(y) >= 1800 && Number(y) <= 2199;
const isMonth = (m: string) => Number(m) >= 1 && Number(m) <= 12;
const isDay = (d: string) => Number(d) >= 1 && Number(d) <= 31;
const zeroDigits = (s: string) => s.replace(/\d/g, '0');
const pad = (like: string, value: string) => value.padStart(like.length, '0');

/** The date with its year kept and month and day set to 01, in the same format; undefined if not a date. */
export function generaliseDate(text: string): string | undefined {
  let m = ISO_DATE.exec(text);
  if (m && plausibleYear(m[1]!) && isMonth(m[3]!) && isDay(m[4]!)) {
    // The time of day goes too: with the day it could single out a submission.
    return `${m[1]}${m[2]}01${m[2]}01${zeroDigits(m[5] ?? '')}`;
  }
  m = YEAR_MONTH.exec(text);
  if (m && plausibleYear(m[1]!) && isMonth(m[2]!)) return `${m[1]}-01`;
  m = DAY_FIRST.exec(text);
  // Day first or month first: both become 01, so which one it was does not matter.
  if (m && plausibleYear(m[4]!) && isDay(m[1]!) && isDay(m[3]!) && (isMonth(m[1]!) || isMonth(m[3]!)))
    return `${pad(m[1]!, '1')}${m[2]}${pad(m[3]!, '1')}${m[2]}${m[4]}`;
  m = MONTH_YEAR.exec(text);
  if (m && plausibleYear(m[3]!) && isMonth(m[1]!)) return `${pad(m[1]!, '1')}${m[2]}${m[3]}`;
  return undefined;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Dates written without separators, only where the mapping reads them as such: elsewhere four or eight
 * digits, or a number of days, are as likely an identifier.
 */
function generaliseBareDate(text: string, formats: ReadonlySet<DateFormat>): string | undefined {
  if (formats.has('yyyy') && /^\d{4}$/.test(text) && plausibleYear(text)) return text;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (formats.has('yyyymmdd') && compact && plausibleYear(compact[1]!) && isMonth(compact[2]!) && isDay(compact[3]!))
    return `${compact[1]}0101`;
  if (formats.has('excel') && /^\d{1,6}(\.\d+)?$/.test(text)) {
    const year = new Date(EXCEL_EPOCH + Math.floor(Number(text)) * DAY_MS).getUTCFullYear();
    if (plausibleYear(String(year))) return String((Date.UTC(year, 0, 1) - EXCEL_EPOCH) / DAY_MS);
  }
  return undefined;
}

/** Letters to x or X keeping case (x for a letter without case), digits to 0, anything else kept. */
export function maskText(text: string): string {
  let out = '';
  // Decomposed first, so that an accent is a mark of its own and is dropped, not kept beside an x.
  for (const ch of text.normalize('NFD')) {
    if (/\p{M}/u.test(ch)) continue;
    if (/\p{Lu}/u.test(ch)) out += 'X';
    else if (/\p{L}/u.test(ch)) out += 'x';
    else if (/\p{N}/u.test(ch)) out += '0';
    else out += ch;
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A string of codes and other words: split at the mapping's list separators, each part kept when it is a
 * code (a code may hold spaces: "non accompagné"), else word by word, each word kept only if it is a code.
 */
function minimiseTokens(text: string, isCode: (token: string) => boolean, separators: readonly string[]): string {
  const byWord = (part: string) =>
    part
      .split(/(\s+)/)
      .map((word, i) => (i % 2 === 1 || word === '' || isCode(word) ? word : maskText(word)))
      .join('');
  if (separators.length === 0) return byWord(text);
  const delimiter = new RegExp(`(${separators.map(escapeRegExp).join('|')})`);
  return text
    .split(delimiter)
    .map((part, i) => (i % 2 === 1 || part.trim() === '' || isCode(part.trim()) ? part : byWord(part)))
    .join('');
}

function canonicalCodes(location: readonly (string | number)[]): ReadonlySet<string> | undefined {
  const target = resolveTarget('/' + location.map(String).join('/'));
  if (target?.type.kind === 'enum') return new Set(target.type.values);
  if (target?.type.kind === 'array' && target.type.element.kind === 'enum') return new Set(target.type.element.values);
  return undefined;
}

/** Whether the mapping reads this place (the canonical passthrough: whether the canonical schema has it). */
const readHere = (location: readonly (string | number)[], plan: MinimisePlan) =>
  plan.canonical
    ? resolveTarget('/' + location.map(String).join('/')) !== undefined
    : plan.read.some((steps) => reads(steps, location));

function minimiseString(text: string, location: readonly (string | number)[], plan: MinimisePlan): string {
  const sites = plan.sites.filter((s) => reads(s.steps, location));
  const known = (token: string) => sites.some((s) => s.codes.has(foldCode(token, s.caseSensitive)));
  if (known(text)) return text;
  if (STATED_AGE.test(text) && plan.ages.some((steps) => reads(steps, location))) return text;
  const enumValues = plan.canonical ? canonicalCodes(location) : undefined;
  if (enumValues?.has(text)) return text;
  const formats = new Set(plan.dates.filter((d) => reads(d.steps, location)).flatMap((d) => [...d.formats]));
  const date = generaliseDate(text.trim()) ?? generaliseBareDate(text.trim(), formats);
  if (date !== undefined) return text.trim() === text ? date : text.replace(text.trim(), date);
  const snakeCodes = readHere(location, plan);
  return minimiseTokens(
    text,
    (token) => (snakeCodes && SNAKE_CODE.test(token)) || known(token) || (enumValues?.has(token) ?? false),
    plan.separators,
  );
}

function walk(value: unknown, location: (string | number)[], plan: MinimisePlan): unknown {
  if (typeof value === 'string') return minimiseString(value, location, plan);
  if (typeof value === 'number') return readHere(location, plan) ? value : 0;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.map((item, i) => {
      location.push(i);
      const out = walk(item, location, plan);
      location.pop();
      return out;
    });
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    location.push(key);
    // defineProperty: a key named __proto__ stays a plain key of the copy, as it was in the payload.
    Object.defineProperty(out, key, {
      value: walk(item, location, plan),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    location.pop();
  }
  return out;
}

/**
 * A minimised copy of a payload, for the mapping that reads it (undefined for the canonical passthrough).
 * The payload has passed the nesting-depth check before it gets here, so recursion is bounded.
 */
export function minimiseSample(payload: unknown, mapping: Mapping | MinimisePlan | undefined): unknown {
  const plan = mapping && 'sites' in mapping ? mapping : planMinimise(mapping);
  return walk(payload, [], plan);
}
