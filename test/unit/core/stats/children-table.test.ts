import { describe, expect, it } from 'vitest';
import { NAMED_AGE_SETS, ageSets } from '../../../../core/stats/age-sets.ts';
import { childrenTable } from '../../../../core/stats/children-table.ts';
import { childFacts } from '../../../../core/stats/facts.ts';
import { population, record } from '../../../fixtures/stats/population.ts';

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

  it("shows an organisation only the services of its own referrals: another organisation's referral of its child is not its to tell", () => {
    const child = childFacts(
      'per_neema',
      [
        {
          record: record('org_avsi', { sex: 'female' }, { registrationDate: '2026-02-01' }),
          mappingAsksReportingConsent: false,
        },
      ],
      [
        {
          serviceType: 'psychosocial',
          requestedAt: '2026-02-02T09:00:00.000Z',
          referring: { organisationId: 'org_avsi' },
          receiving: { organisationId: 'org_divas' },
        },
        {
          serviceType: 'safehouse',
          requestedAt: '2026-02-03T09:00:00.000Z',
          referring: { organisationId: 'org_war-child' },
          receiving: { organisationId: 'org_divas' },
        },
      ],
    );
    const seenBy = (organisationId: string) =>
      cellsOf(childrenTable([child], { ...q1, by: ['serviceType'], organisations: new Set([organisationId]) }));
    expect(seenBy('org_avsi')).toEqual({ psychosocial: 1 });
    expect(cellsOf(childrenTable([child], { ...q1, by: ['serviceType'] }))).toEqual({ psychosocial: 1, safehouse: 1 });
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
