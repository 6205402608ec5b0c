import { describe, expect, it } from 'vitest';
import { NAMED_AGE_SETS, ageSets } from '../../../../core/stats/age-sets.ts';
import { childrenTable } from '../../../../core/stats/children-table.ts';
import { childFacts } from '../../../../core/stats/facts.ts';
import { recordIdFor } from '../../../../core/records/record-id.ts';
import { CanonicalRecord } from '../../../../schemas/canonical/record.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import type { Case } from '../../../../schemas/canonical/case.ts';

let n = 0;
/** A record as ingestion stores it, checked against the canonical schema. */
function record(organisationId: string, person: Partial<Person>, kase: Partial<Case> = {}): CanonicalRecord {
  n++;
  return CanonicalRecord.parse({
    schemaVersion: '1',
    id: recordIdFor('src_test', String(n)),
    organisationId,
    person: { name: { given: 'X' }, sex: 'unknown', ...person },
    case: { status: 'open', ...kase },
    provenance: {
      sourceId: 'src_test',
      sourceRecordId: String(n),
      mappingVersion: '1',
      receivedAt: '2026-02-01T00:00:00.000Z',
      contentHash: 'a'.repeat(64),
    },
    storedAt: '2026-02-01T00:00:00.000Z',
  });
}
const kobo = (r: CanonicalRecord) => ({ record: r, mappingAsksReportingConsent: false });
const primero = (r: CanonicalRecord) => ({ record: r, mappingAsksReportingConsent: true });
const born = (value: string, precision: 'exact' | 'month' | 'year' = 'exact') => ({ birthDate: { value, precision } });

/**
 * A seeded population with known answers. Q1 2026 (January to March):
 * - Amani: a girl of 12 seen by three organisations (AVSI, War Child, DIVAS): one child, three organisations;
 * - Bahati: a boy known only by an age (8 stated on 2025-06-01: 9 at the end of March);
 * - Consolata: a girl registered by Primero with consent for reporting refused: not counted;
 * - Deo: a boy registered by Primero with no answer to the reporting question: not counted;
 *   a second record of Deo from Kobo (no question asked) counts him, a boy of 15, concern child labour;
 * - Espérance: a girl registered in April: outside the period;
 * - Furaha: a girl born 2025-11 (month precision): 0, with a referral for health in February.
 */
const population = [
  childFacts('per_amani', [
    kobo(
      record(
        'org_avsi',
        { sex: 'female', ...born('2013-05-04') },
        { registrationDate: '2026-01-10', protectionConcerns: ['worst_forms_of_child_labor'] },
      ),
    ),
    kobo(record('org_war-child', { sex: 'female', ...born('2013', 'year') }, { registrationDate: '2026-02-15' })),
    primero(record('org_divas', { sex: 'female' }, { registrationDate: '2026-03-01', consent: { reporting: true } })),
  ]),
  childFacts('per_bahati', [
    kobo(
      record(
        'org_avsi',
        { sex: 'male', ageAtRegistration: { years: 8, asOf: '2025-06-01' } },
        { registrationDate: '2026-02-02' },
      ),
    ),
  ]),
  childFacts('per_consolata', [
    primero(
      record(
        'org_divas',
        { sex: 'female', ...born('2015-01-01') },
        { registrationDate: '2026-01-20', consent: { reporting: false } },
      ),
    ),
  ]),
  childFacts('per_deo', [
    primero(record('org_divas', { sex: 'male', ...born('2010-07-01') }, { registrationDate: '2026-01-05' })),
    kobo(
      record(
        'org_avsi',
        { sex: 'male', ...born('2010-07-01') },
        { registrationDate: '2026-03-30', protectionConcerns: ['worst_forms_of_child_labor'] },
      ),
    ),
  ]),
  childFacts('per_esperance', [
    kobo(record('org_avsi', { sex: 'female', ...born('2020-01-01') }, { registrationDate: '2026-04-01' })),
  ]),
  childFacts(
    'per_furaha',
    [kobo(record('org_war-child', { sex: 'female', ...born('2025-11', 'month') }, { registrationDate: '2026-02-20' }))],
    [{ serviceType: 'health_medical', requestedAt: '2026-02-21T09:00:00.000Z' }],
  ),
];
const q1 = { from: '2026-01-01', to: '2026-03-31', ageSet: NAMED_AGE_SETS.primero };

const cellsOf = (t: ReturnType<typeof childrenTable>) =>
  Object.fromEntries(
    t.cells.flatMap((c, i) => {
      if (c === 0) return [];
      const coords: string[] = [];
      let rest = i;
      for (let d = t.values.length - 1; d >= 0; d--) {
        coords.unshift(t.values[d]![rest % t.values[d]!.length]!);
        rest = Math.floor(rest / t.values[d]!.length);
      }
      return [[coords.join(' / '), c]];
    }),
  );

describe('distinct children by sex and age', () => {
  it('counts each child once across organisations, ages age-only records, and leaves out records without reporting consent', () => {
    const table = childrenTable(population, { ...q1, by: ['sex', 'ageBracket'] });
    expect(table.children).toBe(4);
    expect(cellsOf(table)).toEqual({
      'female / 0-5': 1, // Furaha
      'female / 12-17': 1, // Amani, once
      'male / 6-11': 1, // Bahati, from his stated age
      'male / 12-17': 1, // Deo, through his Kobo record only
    });
  });

  it('counts a child under each organisation that registered it in the period (child-values)', () => {
    const table = childrenTable(population, { ...q1, by: ['organisation'] });
    expect(cellsOf(table)).toEqual({ org_avsi: 3, 'org_war-child': 2, org_divas: 1 });
    expect(table.children).toBe(4);
  });

  it('shows an organisation only its own records: its own children, told apart by its own records', () => {
    const table = childrenTable(population, { ...q1, by: ['sex'], organisations: new Set(['org_war-child']) });
    expect(cellsOf(table)).toEqual({ female: 2 });
  });

  it('counts concerns and services of the period, none when there is none', () => {
    expect(cellsOf(childrenTable(population, { ...q1, by: ['protectionConcern'] }))).toEqual({
      worst_forms_of_child_labor: 2,
      none: 2,
    });
    expect(cellsOf(childrenTable(population, { ...q1, by: ['serviceType'] }))).toEqual({ health_medical: 1, none: 3 });
  });

  it('takes the age at the end of the period, in any named or configured set', () => {
    expect(cellsOf(childrenTable(population, { ...q1, by: ['ageBracket'], ageSet: NAMED_AGE_SETS.unicef }))).toEqual({
      '0-4': 1,
      '5-9': 1,
      '10-14': 1, // Amani is 12
      '15-17': 1, // Deo turned 15 in July 2025
    });
    const sets = ageSets({
      'early-years': [
        { min: 0, max: 2 },
        { min: 3, max: 5 },
      ],
    });
    expect(cellsOf(childrenTable(population, { ...q1, by: ['ageBracket'], ageSet: sets['early-years']! }))).toEqual({
      '0-2': 1,
      outside: 3,
    });
  });
});

describe('age sets', () => {
  it('refuses overlapping brackets, an open bracket before the last, and redefining a named set', () => {
    expect(() =>
      ageSets({
        bad: [
          { min: 0, max: 5 },
          { min: 5, max: 9 },
        ],
      }),
    ).toThrow(/overlap/);
    expect(() => ageSets({ bad: [{ min: 0 }, { min: 5, max: 9 }] })).toThrow(/open-ended/);
    expect(() => ageSets({ unicef: [{ min: 0 }] })).toThrow(/built in/);
  });
});
