import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const OPTIONS = {
  columns: (header: string[]) => header.map((h) => h.trim()),
  skip_empty_lines: true,
  trim: true,
  bom: true,
  relax_column_count: false,
} as const;

/**
 * A CSV file with a header row, as the payloads a mapping reads: one object per row, keyed by the
 * header, values as text. Cells are trimmed (FEBRL pads every cell after its comma).
 */
export function csvRows(text: string): Row[] {
  return parse(text, OPTIONS) as Row[];
}

/**
 * The same rows with the line each starts on, as a spreadsheet numbers them (the header is line 1), so
 * that a message about a row can name a line a person finds. csv-parse counts the line a row ends on; a
 * quoted cell may span lines.
 */
export function csvRowsWithLines(text: string): Array<{ line: number; row: Row }> {
  const parsed = parse(text, { ...OPTIONS, info: true }) as Array<{ record: Row; info: { lines: number } }>;
  return parsed.map(({ record, info }) => {
    const breaks = Object.values(record).reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return { line: info.lines - breaks, row: record };
  });
}
