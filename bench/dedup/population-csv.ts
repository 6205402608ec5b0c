import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type PopulationRecord, populationSet } from './population.ts';

/**
 * The population set as a spreadsheet export in the columns of the built-in `csv` mapping
 * (adapters/sources/csv/mapping.yaml), so that `relais match --source csv` can be timed on it:
 *
 *   node --import tsx bench/dedup/population-csv.ts --children 100000 --out .bench/population.csv \
 *     [--labels .bench/population-labels.csv] [--seed 20260630]
 *   npm run relais -- match --source csv --input .bench/population.csv --out .bench/links.csv
 *
 * Each record is written as a clerk would type it from what its tool held: nom and post-nom in one
 * cell, dates as dd/mm/yyyy (a month-only date keeps its year only, since the mapping reads no mm/yyyy),
 * an age with the registration date when only an age was known, phones in the national form of
 * Burundi (the mapping's country) and in international form otherwise. The mapping sets the country to
 * BI for every row, Congolese children included; matching compares rows of one file, so that is the
 * same for all. The labels file gives each row's child, household, twin and namesake, to score the
 * links `relais match` writes.
 */

export const CSV_COLUMNS = [
  'code_enfant',
  'nom',
  'prenom',
  'sexe',
  'date_naissance',
  'age',
  'date_enregistrement',
  'telephone',
  'province',
  'commune',
  'colline',
] as const;

export const LABEL_COLUMNS = ['code_enfant', 'entity', 'household', 'twin_of', 'namesake_of', 'name_key'] as const;

const cell = (value: string | undefined): string =>
  value === undefined ? '' : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

const dmy = (iso: string): string => iso.split('-').reverse().join('/');

/** A phone as typed: Burundian numbers in the national form ("79 12 34 56"), others with their country code. */
function typedPhone(e164: string): string {
  if (e164.startsWith('+257')) return e164.slice(4).replace(/(\d{2})(?=\d)/g, '$1 ');
  return `${e164.slice(0, 4)} ${e164.slice(4, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;
}

/** One record as a row of the `csv` mapping's columns, in CSV_COLUMNS order. */
export function csvRow(record: PopulationRecord): string[] {
  const { person, registeredOn } = record;
  const { name, birthDate, ageAtRegistration, location } = person;
  const registrationYear = Number(registeredOn.slice(0, 4));
  let born: string | undefined;
  let age: string | undefined;
  if (ageAtRegistration) age = String(ageAtRegistration.years);
  else if (birthDate?.precision === 'estimated') age = String(Math.max(0, registrationYear - Number(birthDate.value)));
  else if (birthDate?.precision === 'exact') born = dmy(birthDate.value);
  else if (birthDate) born = birthDate.value.slice(0, 4);
  const phone = person.phones?.[0] ?? person.caregivers?.find((c) => c.phone)?.phone;
  return [
    record.id,
    [name.family, name.middle].filter(Boolean).join(' '),
    name.given ?? '',
    person.sex === 'male' ? 'M' : person.sex === 'female' ? 'F' : '',
    born ?? '',
    age ?? '',
    dmy(registeredOn),
    phone ? typedPhone(phone) : '',
    location?.province ?? '',
    location?.territory ?? '',
    location?.locality ?? '',
  ];
}

export const labelRow = (r: PopulationRecord): string[] => [
  r.id,
  r.entity,
  r.household,
  r.twinOf ?? '',
  r.namesakeOf ?? '',
  r.nameKey,
];

/** The CSV text of some records, header first: for tests and small exports. */
export function populationCsv(records: readonly PopulationRecord[]): string {
  return [CSV_COLUMNS, ...records.map(csvRow)].map((cells) => cells.map(cell).join(',')).join('\n') + '\n';
}

async function writeRows(file: string, header: readonly string[], rows: Iterable<string[]>): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let chunk = header.join(',') + '\n';
  for (const cells of rows) {
    chunk += cells.map(cell).join(',') + '\n';
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Writes the set of `children` children as the csv mapping's export, and optionally its labels. */
export async function writePopulationCsv(options: {
  children: number;
  out: string;
  labels?: string;
  seed?: number;
}): Promise<{ rows: number }> {
  const records = populationSet({
    children: options.children,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  await writeRows(options.out, CSV_COLUMNS, records.map(csvRow));
  if (options.labels) await writeRows(options.labels, LABEL_COLUMNS, records.map(labelRow));
  return { rows: records.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      children: { type: 'string', default: '100000' },
      out: { type: 'string', default: '.bench/population.csv' },
      labels: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const children = Number(values.children);
  if (!Number.isInteger(children) || children < 1)
    throw new Error(`--children: "${values.children}" is not a number of children`);
  const started = performance.now();
  const { rows } = await writePopulationCsv({
    children,
    out: values.out,
    ...(values.labels ? { labels: values.labels } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  console.log(`${rows} rows for ${children} children in ${values.out} (${Math.round(performance.now() - started)} ms)`);
}
