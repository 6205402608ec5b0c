import type { Person } from '../../schemas/canonical/person.ts';

/**
 * A child's age in whole years at `at`, from what is known: a birth date at its precision (a year or
 * a month alone is taken at its middle), else an age stated on a date. Undefined when nothing is known.
 */
export function ageInYears(person: Pick<Person, 'birthDate' | 'ageAtRegistration'>, at: Date): number | undefined {
  if (person.birthDate) {
    const [y, m = 7, d = 1] = person.birthDate.value.split('-').map(Number) as [number, number?, number?];
    const birthday = (year: number) => Date.UTC(year, m - 1, d);
    let age = at.getUTCFullYear() - y;
    if (at.getTime() < birthday(at.getUTCFullYear())) age -= 1;
    return Math.max(0, age);
  }
  if (person.ageAtRegistration) {
    const elapsed = (at.getTime() - Date.parse(person.ageAtRegistration.asOf)) / (365.25 * 86_400_000);
    return Math.max(0, Math.floor(person.ageAtRegistration.years + elapsed));
  }
  return undefined;
}
