import type { DateFormat } from '../../../schemas/mapping/language.ts';
import { TransformFailure, asText } from './failure.ts';

interface PartialDate {
  value: string;
  precision: 'exact' | 'month' | 'year' | 'estimated';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Plain arithmetic rather than a Date per value: this runs for every birth date of every record.
function exact(y: number, m: number, d: number): PartialDate | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return undefined;
  if (d > (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!)) return undefined;
  return { value: `${y}-${pad(m)}-${pad(d)}`, precision: 'exact' };
}

function month(y: number, m: number): PartialDate | undefined {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12
    ? { value: `${y}-${pad(m)}`, precision: 'month' }
    : undefined;
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

const re =
  (pattern: RegExp, build: (a: number, b: number, c: number) => PartialDate | undefined): Parser =>
  (text) => {
    const m = pattern.exec(text);
    return m ? build(+m[1]!, +(m[2] ?? 0), +(m[3] ?? 0)) : undefined;
  };

const PARSERS: Record<DateFormat, Parser> = {
  'dd/mm/yyyy': re(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, (d, m, y) => exact(y, m, d)),
  'mm/dd/yyyy': re(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, (m, d, y) => exact(y, m, d)),
  'yyyy-mm-dd': re(/^(\d{4})-(\d{2})-(\d{2})$/, exact),
  yyyymmdd: re(/^(\d{4})(\d{2})(\d{2})$/, exact),
  'mm/yyyy': re(/^(\d{1,2})[/.-](\d{4})$/, (m, y) => month(y, m)),
  'yyyy-mm': re(/^(\d{4})-(\d{2})$/, month),
  yyyy: re(/^(\d{4})$/, (y) => (y >= MIN_YEAR && y <= MAX_YEAR ? { value: String(y), precision: 'year' } : undefined)),
  datetime: re(/^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}/, exact),
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
    throw new TransformFailure('date', {
      en: `is not a date in the declared formats (${listed})`,
      fr: `n'est pas une date dans les formats déclarés (${listed})`,
    });
  };
};

const readDay = re(/^(\d{4})-(\d{2})-(\d{2})$/, exact);

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO date-time with an offset; a value without one (Kobo's _submission_time) gets the declared offset. */
export const timestamp =
  (assumeOffset: string) =>
  (value: unknown): string => {
    const m = TIMESTAMP.exec(asText(value, 'timestamp').trim());
    if (!m || readDay(m[1]!, undefined) === undefined) {
      throw new TransformFailure('timestamp', { en: 'is not an ISO date-time', fr: "n'est pas une date-heure ISO" });
    }
    const offset =
      m[4] === undefined ? assumeOffset : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
    return `${m[1]}T${m[2]}${m[3] ?? ':00'}${offset}`;
  };

const readReference = date(['datetime', 'yyyy-mm-dd', 'dd/mm/yyyy', 'excel']);

function ageAndReference(value: unknown, reference: unknown): { years: number; asOf: string } {
  if (reference === undefined || reference === null || reference === '') {
    throw new TransformFailure('age', {
      en: 'has no reference date to count the age from',
      fr: "n'a pas de date de référence pour compter l'âge",
    });
  }
  const years = typeof value === 'number' ? value : Number(asText(value, 'age').trim());
  if (!Number.isInteger(years) || years < 0 || years > 120) {
    throw new TransformFailure('age', {
      en: 'is not an age in whole years',
      fr: "n'est pas un âge en années entières",
    });
  }
  return { years, asOf: readReference(reference).value };
}

/** An age stated at a known date gives an estimated birth year: "7 ans" asked in 2024 → 2017. */
export const ageToBirthYear = (value: unknown, reference: unknown): PartialDate => {
  const { years, asOf } = ageAndReference(value, reference);
  return { value: String(Number(asOf.slice(0, 4)) - years), precision: 'estimated' };
};

export const ageAtRegistration = (value: unknown, reference: unknown): { years: number; asOf: string } =>
  ageAndReference(value, reference);
