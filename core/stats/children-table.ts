import { ProtectionConcern, ServiceType, Sex } from '../../schemas/canonical/codes.ts';
import { ageInYears } from '../persons/age.ts';
import { type AgeSet, ageValues, bracketOf } from './age-sets.ts';
import type { ChildFacts, RecordFacts } from './facts.ts';
import type { CountTable } from './suppression.ts';

export const DIMENSIONS = [
  'sex',
  'ageBracket',
  'protectionConcern',
  'serviceType',
  'organisation',
  'province',
  'territory',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Dimensions where one child can have several values (two concerns, records at three organisations):
 * the child is counted once under each, so totals along them count child-values, not children.
 */
export const MULTI_VALUED: ReadonlySet<Dimension> = new Set(['protectionConcern', 'serviceType', 'organisation']);

export const NONE = 'none';
export const UNKNOWN = 'unknown';

export interface ChildrenQuery {
  /** Inclusive ISO dates. */
  from: string;
  to: string;
  by: readonly Dimension[];
  ageSet: AgeSet;
  /** Only these organisations' records are seen (an organisation's own view); all when absent. */
  organisations?: ReadonlySet<string>;
}

export interface ChildrenTable extends CountTable {
  dimensions: Dimension[];
  /** Distinct children counted, whatever the dimensions. */
  children: number;
}

/**
 * Distinct children with a case registered in the period, by the asked dimensions. A child (a registry
 * person, so the same child from three organisations is one) counts when one of the records seen was
 * registered in the period. What is said of the child comes from the records seen:
 * - sex: the one most of them give, `unknown` when they disagree evenly or say nothing;
 * - age at the period's end: from the most precise birth date (a full date, then a month, a year, an
 *   estimate, then an age stated on a date), the latest registered among equals;
 * - province and territory: the latest registered record that has them;
 * - organisations and protection concerns: those of the records registered in the period;
 * - service types: those of the referrals made for the child in the period (`none` without).
 */
export function childrenTable(facts: Iterable<ChildFacts>, query: ChildrenQuery): ChildrenTable {
  const seenRecord = (r: RecordFacts) => !query.organisations || query.organisations.has(r.organisationId);
  const seenReferral = (r: ChildFacts['referrals'][number]) =>
    !query.organisations || (r.parties ?? []).some((p) => query.organisations!.has(p));
  const inPeriod = (day: string) => day >= query.from && day <= query.to;
  const end = new Date(`${query.to}T23:59:59.999Z`);
  const rows: Array<Record<Dimension, string[]>> = [];
  for (const child of facts) {
    const records = child.records.filter(seenRecord).sort((a, b) => a.registeredOn.localeCompare(b.registeredOn));
    const current = records.filter((r) => inPeriod(r.registeredOn));
    if (current.length === 0) continue;
    const latest = (key: 'province' | 'territory') => records.findLast((r) => r[key] !== undefined)?.[key];
    rows.push({
      sex: [sexOf(records)],
      ageBracket: [bracketOf(query.ageSet, ageOf(records, end))],
      protectionConcern: orNone(current.flatMap((r) => r.protectionConcerns)),
      serviceType: orNone(
        child.referrals.filter((r) => inPeriod(r.requestedOn) && seenReferral(r)).map((r) => r.serviceType),
      ),
      organisation: [...new Set(current.map((r) => r.organisationId))].sort(),
      province: [latest('province') ?? UNKNOWN],
      territory: [latest('territory') ?? UNKNOWN],
    });
  }
  const values = query.by.map((d) => valuesOf(d, query.ageSet, rows));
  const index = values.map((vs) => new Map(vs.map((v, i) => [v, i])));
  const cells = new Array<number>(values.reduce((n, vs) => n * vs.length, 1)).fill(0);
  for (const row of rows) {
    let offsets = [0];
    query.by.forEach((d, k) => {
      const at = row[d].map((v) => {
        const i = index[k]!.get(v);
        if (i === undefined) throw new Error(`statistics: "${v}" is not a value of ${d}`);
        return i;
      });
      offsets = offsets.flatMap((o) => at.map((i) => o * values[k]!.length + i));
    });
    for (const o of offsets) cells[o]!++;
  }
  return { dimensions: [...query.by], values, cells, children: rows.length };
}

const orNone = (values: string[]): string[] => (values.length === 0 ? [NONE] : [...new Set(values)].sort());

function sexOf(records: readonly RecordFacts[]): string {
  const votes = new Map<string, number>();
  for (const r of records) if (r.sex !== 'unknown') votes.set(r.sex, (votes.get(r.sex) ?? 0) + 1);
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return 'unknown';
  return ranked[0]![0];
}

const PRECISION_RANK = { exact: 0, month: 1, year: 2, estimated: 3 } as const;

function ageOf(records: readonly RecordFacts[], at: Date): number | undefined {
  const rank = (r: RecordFacts) => (r.birthDate ? PRECISION_RANK[r.birthDate.precision] : r.ageAtRegistration ? 4 : 5);
  // Records are sorted by registration: the last of the best rank is the latest registered.
  let best: RecordFacts | undefined;
  for (const r of records) if (rank(r) < 5 && (!best || rank(r) <= rank(best))) best = r;
  return best ? ageInYears(best, at) : undefined;
}

function valuesOf(d: Dimension, ageSet: AgeSet, rows: ReadonlyArray<Record<Dimension, string[]>>): string[] {
  switch (d) {
    case 'sex':
      return [...Sex.options];
    case 'ageBracket':
      return ageValues(ageSet);
    case 'protectionConcern':
      return [...ProtectionConcern.options, NONE];
    case 'serviceType':
      return [...ServiceType.options, NONE];
    default: {
      // Organisations and places: those the children counted have, in order (unknown last).
      const seen = [...new Set(rows.flatMap((r) => r[d]))].filter((v) => v !== UNKNOWN).sort();
      return rows.some((r) => r[d].includes(UNKNOWN)) ? [...seen, UNKNOWN] : seen.length > 0 ? seen : [UNKNOWN];
    }
  }
}
