import { describe, expect, it } from 'vitest';
import { ageInYears } from '../../../../core/persons/age.ts';

const at = new Date('2026-12-01T00:00:00.000Z');

describe("a child's age for routing", () => {
  it('counts whole years from an exact birth date, the day before and on the birthday', () => {
    expect(ageInYears({ birthDate: { value: '2014-12-02', precision: 'exact' } }, at)).toBe(11);
    expect(ageInYears({ birthDate: { value: '2014-12-01', precision: 'exact' } }, at)).toBe(12);
  });

  it('takes a month or a year alone at its middle', () => {
    expect(ageInYears({ birthDate: { value: '2014-06', precision: 'month' } }, at)).toBe(12);
    expect(ageInYears({ birthDate: { value: '2014', precision: 'year' } }, at)).toBe(12);
    expect(ageInYears({ birthDate: { value: '2014', precision: 'year' } }, new Date('2026-03-01T00:00:00Z'))).toBe(11);
  });

  it('ages a stated age by the time since it was stated, and knows nothing without either', () => {
    expect(ageInYears({ ageAtRegistration: { years: 9, asOf: '2024-11-01' } }, at)).toBe(11);
    expect(ageInYears({}, at)).toBeUndefined();
  });
});
