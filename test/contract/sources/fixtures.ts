import { readFileSync, readdirSync } from 'node:fs';
import { csvRows } from '../../../adapters/sources/csv/rows.ts';
import type { MappedTool } from '../../../adapters/sources/index.ts';

export interface SourceFixture {
  tool: MappedTool;
  name: string;
  /** One payload for a .json fixture; one per row for a .csv fixture. */
  payloads: unknown[];
  /** The golden canonical output: one record, or one per row for a .csv fixture. */
  golden: unknown[];
}

const dirOf = (tool: MappedTool) => new URL(`../../../adapters/sources/${tool}/`, import.meta.url);

/** Every fixture of a built-in source with its golden output. */
export function sourceFixtures(tool: MappedTool): SourceFixture[] {
  const dir = dirOf(tool);
  return readdirSync(new URL('fixtures/', dir)).map((name) => {
    const text = readFileSync(new URL(`fixtures/${name}`, dir), 'utf8');
    const isCsv = name.endsWith('.csv');
    const golden: unknown = JSON.parse(
      readFileSync(new URL(`golden/${name.replace(/\.(csv|json)$/, '.json')}`, dir), 'utf8'),
    );
    return {
      tool,
      name,
      payloads: isCsv ? csvRows(text) : [JSON.parse(text)],
      golden: isCsv ? (golden as unknown[]) : [golden],
    };
  });
}
