import { readFileSync, writeFileSync } from 'node:fs';
import { CsvLineError, csvRowsWithLines } from '../../adapters/sources/csv/rows.ts';
import { CliError, EXIT } from '../errors.ts';
import type { Messages } from '../i18n/messages.ts';
import { jsonErrorOffset, lineAndColumn } from './json-error-offset.ts';

/** A file named on the command line; one that does not exist is a usage error. */
export function readInput(file: string, t: Messages): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(code === 'ENOENT' ? t.fileNotFound(file) : t.fileUnreadable(file, code), EXIT.usage);
  }
}

/** A JSON file; a syntax error names the file, line and column, never the text around it. */
export function readJson(file: string, t: Messages): unknown {
  const text = readInput(file, t);
  try {
    return JSON.parse(text);
  } catch {
    const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
    throw new CliError(t.notJson(file, line, column), EXIT.failed);
  }
}

/**
 * The rows of a CSV file with a header, each with its line as a spreadsheet shows it; a file that is not CSV
 * is named with the line its faulty row starts on.
 */
export function readCsv(file: string, t: Messages): Array<{ line: number; row: Record<string, string> }> {
  const text = readInput(file, t);
  try {
    return csvRowsWithLines(text);
  } catch (error) {
    if (!(error instanceof CsvLineError)) throw error;
    throw new CliError(t.notCsv(file, error.line, error.code), EXIT.failed);
  }
}

/** A result file named on the command line; a folder that does not exist is a usage error. */
export function writeOutput(file: string, text: string, t: Messages): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(t.fileUnwritable(file, (error as NodeJS.ErrnoException).code ?? 'error'), EXIT.usage);
  }
}
