import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvRows } from '../../adapters/sources/csv/rows.ts';
import { builtinMapping } from '../../adapters/sources/index.ts';
import type { NormalisedRecord } from '../../schemas/canonical/record.ts';
import type { Labelled } from './evaluate.ts';

/** The FEBRL data sets shipped in bench/data/febrl/ (origin and licence in its README.md). */
export type FebrlDataset = 'dataset1' | 'dataset3' | 'dataset4a' | 'dataset4b';

export const febrlFile = (dataset: FebrlDataset): string =>
  fileURLToPath(new URL(`../data/febrl/${dataset}.csv`, import.meta.url));

/**
 * FEBRL rows through the built-in FEBRL mapping (adapters/sources/febrl/mapping.yaml), the same
 * pipeline a partner's CSV takes, labelled with their entity: `rec-N-org` and every `rec-N-dup-k`
 * share N, which is the ground truth.
 */
export function loadFebrl(file: string, prefix = ''): Labelled[] {
  const normaliser = builtinMapping('febrl');
  const rows = csvRows(readFileSync(file, 'utf8'));
  return rows.map((row) => {
    const result = normaliser.normalise(row);
    const entity = /^rec-(\d+)-/.exec(row.rec_id ?? '')?.[1];
    if (!result.ok || entity === undefined) throw new Error(`FEBRL row ${row.rec_id ?? '?'} does not map`);
    const record = result.record as NormalisedRecord;
    return { id: `${prefix}${record.sourceRecordId}`, entity, person: record.person };
  });
}
