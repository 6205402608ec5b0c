import type { DateFormat } from '../../../schemas/mapping/language.ts';
import { TransformFailure, asText } from './failure.ts';

export interface PartialDate {
  value: string;
  precision: 'exact' | 'month' | 'year' | 'estimated';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function exact(y: number, m: number, d: number): PartialDate | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'exact' };
}

function month(y: number, m: number): PartialDate | undefined {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 ? { value: `${y}-${pad(m)}`, precision: 'month' } : undefined;
}

/** Spreadsheet serial days count from 1899-12-30 (which absorbs Lotus' phantom 29 February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function fromExcel(value: unknown): PartialDate | undefined {
  const n = typeof value === 'number' ? value : /^\d{1,6}(\.\d+)?$/.test(String(value).trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 1) return undefined;
  const d = new Date(EXCEL_EPOCH + Math.floor(n) * DAY_MS);
  return exact(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

type Parser = (text: string, raw: unknown) => PartialDate | undefined;

const re = (pattern: RegExp, build: (g: number[]) => PartialDate | undefined): Parser => (text) => {
  const m = pattern.exec(text);
  return m ? build(m.slice(1).map(Number)) : undefined;
};

const PARSERS: Record<DateFormat, Parser> = {
  'dd/mm/yyyy': re(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, ([d, m, y]) => exact(y!, m!, d!)),
  'mm/dd/yyyy': re(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, ([m, d, y]) => exact(y!, m!, d!)),
  'yyyy-mm-dd': re(/^(\d{4})-(\d{2})-(\d{2})$/, ([y, m, d]) => exact(y!, m!, d!)),
  yyyymmdd: re(/^(\d{4})(\d{2})(\d{2})$/, ([y, m, d]) => exact(y!, m!, d!)),
  'mm/yyyy': re(/^(\d{1,2})[/.-](\d{4})$/, ([m, y]) => month(y!, m!)),
  'yyyy-mm': re(/^(\d{4})-(\d{2})$/, ([y, m]) => month(y!, m!)),
  yyyy: re(/^(\d{4})$/, ([y]) => (y! >= MIN_YEAR && y! <= MAX_YEAR ? { value: String(y), precision: 'year' } : undefined)),
  datetime: re(/^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}/, ([y, m, d]) => exact(y!, m!, d!)),
  excel: (_text, raw) => fromExcel(raw),
};

/** Tries the declared formats in order; the first that reads the value gives the date and its precision. */
export const date = (formats: readonly DateFormat[]) => {
  const parsers = formats.map((f) => PARSERS[f]);
  const listed = formats.join(', ');
  return (value: unknown): PartialDate => {
    const text = typeof value === 'number' ? String(value) : asText(value, 'date').trim();
    for (const parse of parsers) {
      const parsed = parse(text, value);
      if (parsed) return parsed;
    }
    throw new TransformFailure('date', { en: `is not a date in the declared formats (${listed})`, fr: `n'est pas une date dans les formats déclarés (${listed})` });
  };
};

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO date-time with an offset; a value without one (Kobo's _submission_time) gets the declared offset. */
export const timestamp = (assumeOffset: string) => (value: unknown): string => {
  const m = TIMESTAMP.exec(asText(value, 'timestamp').trim());
  if (!m || exact(...(m[1]!.split('-').map(Number) as [number, number, number])) === undefined) {
    throw new TransformFailure('timestamp', { en: 'is not an ISO date-time', fr: "n'est pas une date-heure ISO" });
  }
  const offset = m[4] === undefined ? assumeOffset : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}${offset}`;
};

const readReference = date(['datetime', 'yyyy-mm-dd', 'dd/mm/yyyy', 'excel']);

function ageAndReference(value: unknown, reference: unknown): { years: number; asOf: string } {
  if (reference === undefined || reference === null || reference === '') {
    throw new TransformFailure('age', { en: 'has no reference date to count the age from', fr: "n'a pas de date de référence pour compter l'âge" });
  }
  const years = typeof value === 'number' ? value : Number(asText(value, 'age').trim());
  if (!Number.isInteger(years) || years < 0 || years > 120) {
    throw new TransformFailure('age', { en: 'is not an age in whole years', fr: "n'est pas un âge en années entières" });
  }
  return { years, asOf: readReference(reference).value };
}

/** An age stated at a known date gives an estimated birth year: "7 ans" asked in 2024 → 2017. */
export const ageToBirthYear = (value: unknown, reference: unknown): PartialDate => {
  const { years, asOf } = ageAndReference(value, reference);
  return { value: String(Number(asOf.slice(0, 4)) - years), precision: 'estimated' };
};

export const ageAtRegistration = (value: unknown, reference: unknown): { years: number; asOf: string } => ageAndReference(value, reference);
