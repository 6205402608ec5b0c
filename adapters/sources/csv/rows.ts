import { CsvError, parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const OPTIONS = {
  columns: (header: string[]) => header.map((h) => h.trim()),
  skip_empty_lines: true,
  trim: true,
  bom: true,
  relax_column_count: false,
} as const;

/** A file that is not valid CSV, at the line (as a spreadsheet numbers them) where the faulty row starts. */
export class CsvLineError extends Error {
  constructor(
    readonly line: number,
    readonly code: string,
  ) {
    super(`not valid CSV at line ${line} (${code})`);
    this.name = 'CsvLineError';
  }
}

/**
 * A spreadsheet saved on Windows then appended to on Linux ends lines both ways. csv-parse takes the first
 * line ending it meets as the only one, so the rest of the file became one row of thousands of columns.
 * One ending throughout also keeps csv-parse's line count true (it counts CRLF inside quotes oddly when
 * several delimiters are allowed); a line break inside a quoted cell becomes `\n`.
 */
const oneLineEnding = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The first line after `after` (1-based) that is not empty: csv-parse skips empty lines between rows. */
function nextLineWithText(lines: readonly string[], after: number): number {
  let line = after + 1;
  while (line < lines.length && lines[line - 1] === '') line++;
  return line;
}

/**
 * Parses, and names a syntax error by the line its row starts on (the line after the last row read, or after
 * the header) rather than where csv-parse gave up: at the end of a quoted cell never closed, that is the end
 * of the file.
 */
function parseCsv<T>(text: string, info: boolean): T[] {
  const normalised = oneLineEnding(text);
  let lastEnd: number | undefined;
  try {
    return parse(normalised, {
      ...OPTIONS,
      info,
      on_record: (record: unknown, context: { lines: number }) => {
        lastEnd = context.lines;
        return record;
      },
    }) as T[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const lines = normalised.replace(/^\uFEFF/, '').split('\n');
    const header = nextLineWithText(lines, 0);
    const gaveUp = typeof error.lines === 'number' ? error.lines : lines.length;
    const line = lastEnd === undefined && gaveUp <= header ? header : nextLineWithText(lines, lastEnd ?? header);
    throw new CsvLineError(Math.min(line, gaveUp), error.code);
  }
}

/**
 * A CSV file with a header row, as the payloads a mapping reads: one object per row, keyed by the
 * header, values as text. Cells are trimmed (FEBRL pads every cell after its comma). Lines may end in
 * CRLF, LF or CR, mixed in one file. Throws CsvLineError.
 */
export function csvRows(text: string): Row[] {
  return parseCsv<Row>(text, false);
}

/**
 * The same rows with the line each starts on, as a spreadsheet numbers them (the header is line 1), so
 * that a message about a row can name a line a person finds. csv-parse counts the line a row ends on; a
 * quoted cell may span lines.
 */
export function csvRowsWithLines(text: string): Array<{ line: number; row: Row }> {
  const parsed = parseCsv<{ record: Row; info: { lines: number } }>(text, true);
  return parsed.map(({ record, info }) => {
    const breaks = Object.values(record).reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - breaks, row: record };
  });
}
