import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Person } from '../../schemas/canonical/person.ts';

/**
 * Turns FEBRL rows into canonical Persons for the benchmark. FEBRL is synthetic Australian data; its
 * fields map onto the canonical person as: given_name/surname → name, date_of_birth (yyyymmdd) → an
 * exact birth date when it is a calendar date, soc_sec_id → identifier `febrl_ssn`, suburb → locality,
 * state → province, street number + address lines + postcode → the free-text address.
 */
export interface FebrlRow {
  recId: string;
  /** The original record's number: `rec-N-org` and every `rec-N-dup-k` share N. */
  entity: string;
  person: Person;
}

type Raw = Record<string, string>;

const clean = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

function birthDate(raw: string | undefined): Person['birthDate'] {
  const v = clean(raw);
  if (!v || !/^\d{8}$/.test(v)) return undefined;
  const [y, m, d] = [Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { value: `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`, precision: 'exact' };
}

export function febrlPerson(row: Raw): Person {
  const given = clean(row.given_name);
  const family = clean(row.surname);
  const text = [row.street_number, row.address_1, row.address_2, row.postcode].map(clean).filter(Boolean).join(' ');
  const ssn = clean(row.soc_sec_id);
  const locality = clean(row.suburb);
  const province = clean(row.state);
  const birth = birthDate(row.date_of_birth);
  return {
    name: { ...(given ? { given } : {}), ...(family ? { family } : {}) },
    sex: 'unknown',
    ...(birth ? { birthDate: birth } : {}),
    ...(ssn ? { identifiers: [{ scheme: 'febrl_ssn', value: ssn }] } : {}),
    location: { ...(locality ? { locality } : {}), ...(province ? { province } : {}), ...(text ? { text } : {}) },
  };
}

export function loadFebrl(file: string): FebrlRow[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, trim: true, skip_empty_lines: true }) as Raw[];
  return rows.map((row) => {
    const recId = row.rec_id ?? '';
    const entity = /^rec-(\d+)-/.exec(recId)?.[1];
    if (entity === undefined) throw new Error(`Unexpected FEBRL record id in ${file}`);
    return { recId, entity, person: febrlPerson(row) };
  });
}
