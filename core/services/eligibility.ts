import type { Service, ServiceStatus, ServiceType, Sex } from '../../schemas/canonical/index.ts';
import { type Place, covers } from './areas.ts';

/**
 * The criteria a service is chosen or found by, shared by search and routing so that both read the
 * directory alike. An unset criterion (no age, no sex, no place) does not filter.
 */

export const ofType = (service: Service, type: ServiceType | undefined) => type === undefined || service.type === type;

export const hasStatus = (service: Service, status: ServiceStatus) => service.status === status;

export const coversPlace = (service: Service, place: Place | undefined) =>
  service.serviceAreas.some((area) => covers(area, place));

/**
 * Inclusive bounds in years. A child whose age is unknown is eligible for an age-limited service: the
 * receiving organisation checks the age at intake, and an unknown age must not keep a child from help.
 */
export function takesAge(service: Service, ageYears: number | undefined): boolean {
  if (ageYears === undefined) return true;
  const { minimumAge, maximumAge } = service.eligibility;
  return (minimumAge === undefined || ageYears >= minimumAge) && (maximumAge === undefined || ageYears <= maximumAge);
}

/** A service that lists sexes takes those only; `unknown` is taken only where it is listed (or nothing is). */
export const takesSex = (service: Service, sex: Sex | undefined) =>
  sex === undefined || service.eligibility.sexes === undefined || service.eligibility.sexes.includes(sex);
