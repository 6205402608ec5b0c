import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CsvLineError, csvRows, csvRowsWithLines } from '../../../../../adapters/sources/csv/rows.ts';

const MIXED = fileURLToPath(new URL('../../../../fixtures/csv/mixed-line-endings.csv', import.meta.url));

const lineOfError = (text: string): { line: number; code: string } | undefined => {
  try {
    csvRowsWithLines(text);
  } catch (error) {
    if (error instanceof CsvLineError) return { line: error.line, code: error.code };
    throw error;
  }
  return undefined;
};

describe('CSV rows', () => {
  it('reads a file whose lines end in CRLF and LF alike, each row at the line a spreadsheet shows', () => {
    const text = readFileSync(MIXED, 'utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).toContain('\n');
    const rows = csvRowsWithLines(text);
    expect(rows.map((r) => [r.line, r.row.code_enfant])).toEqual([
      [2, 'BI-MIX-0001'],
      [3, 'BI-MIX-0002'],
      [5, 'BI-MIX-0003'],
      [6, ''],
      [7, 'BI-MIX-0005'],
    ]);
    expect(Object.keys(rows[0]!.row)).toHaveLength(13);
    expect(rows[1]!.row.colline).toBe('Gatare\n(haut)');
    expect(csvRows(text)).toEqual(rows.map((r) => r.row));
  });

  it('takes a lone CR as a line end too, and keeps counting lines after a quoted cell that spans some', () => {
    const rows = csvRowsWithLines('\uFEFFa,b\r\n1,2\n3,"x\r\ny"\r\n5,6\n\n7,8\r9,10\n');
    expect(rows.map((r) => [r.line, r.row.a])).toEqual([
      [2, '1'],
      [3, '3'],
      [5, '5'],
      [7, '7'],
      [8, '9'],
    ]);
  });

  it.each([
    ['a row with a cell too many', 'a,b\r\n1,é\n3,4,5\n6,7\n', 3, 'CSV_RECORD_INCONSISTENT_COLUMNS'],
    [
      'a row of two lines with a cell too many',
      'a,b\n1,2\r\n"3\r\n4",4,5\n6,7\n',
      3,
      'CSV_RECORD_INCONSISTENT_COLUMNS',
    ],
    ['a quote never closed', 'a,b\n1,2\n"3\n4,4\n6,7\n', 3, 'CSV_QUOTE_NOT_CLOSED'],
    [
      'text after a closing quote, after an empty line',
      '\uFEFFa,b\r\n\r\n1,2\n3,"4"x\n6,7\n',
      4,
      'CSV_INVALID_CLOSING_QUOTE',
    ],
    ['the first row, after empty lines', '\n\na,b\n\n1,2,3\n', 5, 'CSV_RECORD_INCONSISTENT_COLUMNS'],
    [
      'the fourth row, after rows of two lines',
      'a,b\n"1\n1",2\n"3\n3",4\n5,6\n7,8,9\n',
      7,
      'CSV_RECORD_INCONSISTENT_COLUMNS',
    ],
    ['the header', 'a,"b\n', 1, 'CSV_QUOTE_NOT_CLOSED'],
  ])('names the line where the faulty row starts: %s', (_case, text, line, code) => {
    expect(lineOfError(text)).toEqual({ line, code });
  });
});
