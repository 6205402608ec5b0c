import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../../../adapters/sources/csv/rows.ts';
import { builtinMapping } from '../../../../adapters/sources/index.ts';
import { CSV_COLUMNS, populationCsv, writePopulationCsv } from '../../../../bench/dedup/population-csv.ts';
import { populationSet } from '../../../../bench/dedup/population.ts';
import { normaliseRecord } from '../../../../core/records/normalise-record.ts';

const records = populationSet({ children: 1_000 });
const rows = csvRows(populationCsv(records));
const mapping = builtinMapping('csv');
const dir = mkdtempSync(join(tmpdir(), 'population-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('populationCsv', () => {
  it('writes one row per record, in the columns the built-in csv mapping reads', () => {
    expect(rows).toHaveLength(records.length);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const read = new Set(mapping.readPaths.map((p) => p.text));
    for (const column of CSV_COLUMNS) expect(read.has(column), column).toBe(true);
  });

  it('maps every row through builtinMapping("csv") to a valid record, without a rejection or a warning', () => {
    for (const [i, row] of rows.entries()) {
      const checked = normaliseRecord(mapping, row);
      if (!checked.ok) expect.fail(`row ${i + 2}: ${checked.issues.map((x) => `${x.pointer} ${x.code}`).join('; ')}`);
      const { warnings } = mapping.run(row);
      if (warnings.length > 0) expect.fail(`row ${i + 2} warns: ${warnings.map((w) => w.rule).join(', ')}`);
    }
  });

  it('keeps what the record said: its id, names, the birth year or the age, the phone', () => {
    for (const [i, row] of rows.entries()) {
      const record = records[i]!;
      const checked = normaliseRecord(mapping, row);
      if (!checked.ok) continue;
      const mapped = checked.record;
      expect(mapped.sourceRecordId).toBe(record.id);
      if (record.person.name.family)
        expect(mapped.person.name.family).toContain(record.person.name.family.toUpperCase());
      const year = (v: string | undefined) => v?.slice(0, 4);
      if (record.person.birthDate)
        expect(year(mapped.person.birthDate?.value)).toBe(year(record.person.birthDate.value));
      const phone = record.person.phones?.[0] ?? record.person.caregivers?.find((c) => c.phone)?.phone;
      if (phone) expect(mapped.person.phones).toEqual([phone]);
    }
  });
});

describe('writePopulationCsv', () => {
  it('writes the export and its labels to files', async () => {
    const out = join(dir, 'sub', 'population.csv');
    const labels = join(dir, 'labels.csv');
    const { rows: written } = await writePopulationCsv({ children: 300, out, labels });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(written + 1);
    expect(readFileSync(out, 'utf8')).toBe(populationCsv(populationSet({ children: 300 })));
    const labelRows = csvRows(readFileSync(labels, 'utf8'));
    expect(labelRows).toHaveLength(written);
    expect(labelRows.every((r) => r.entity && r.household && r.name_key)).toBe(true);
  });
});
