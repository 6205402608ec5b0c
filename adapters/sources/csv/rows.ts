import { parse } from 'csv-parse/sync';

/**
 * A CSV file with a header row, as the payloads a mapping reads: one object per row, keyed by the
 * header, values as text. Cells are trimmed (FEBRL pads every cell after its comma).
 */
export function csvRows(text: string): Record<string, string>[] {
  return parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    trim: true,
    bom: true,
    relax_column_count: false,
  }) as Record<string, string>[];
}
