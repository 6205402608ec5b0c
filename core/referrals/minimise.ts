import type { ServiceType } from '../../schemas/canonical/codes.ts';
import type { Case } from '../../schemas/canonical/case.ts';
import type { Person } from '../../schemas/canonical/person.ts';
import type { DataCategory, ReferralChildView } from '../../schemas/canonical/referral.ts';

/**
 * What each kind of service needs to know of a child to act. A referral shares the intersection of this
 * and what the consent releases, never more: a school needs no protection concerns, a shelter needs no
 * identifiers. Every service needs to know who and how old the child is.
 */
export const SERVICE_NEEDS: Readonly<Record<ServiceType, readonly DataCategory[]>> = {
  safehouse: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'protection'],
  health_medical: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'identifiers', 'protection'],
  psychosocial: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'protection'],
  police_other: ['identity', 'sex', 'age', 'location', 'identifiers', 'protection'],
  legal_assistance: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'identifiers', 'protection'],
  livelihoods: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers'],
  child_protection: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'identifiers', 'protection'],
  family_mediation: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'protection'],
  family_reunification: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers', 'identifiers', 'protection'],
  education: ['identity', 'sex', 'age', 'location', 'contact', 'caregivers'],
  nfi_clothes_shoes: ['identity', 'sex', 'age', 'location'],
  water_sanitation: ['identity', 'sex', 'age', 'location'],
  registration: ['identity', 'sex', 'age', 'location', 'caregivers', 'identifiers'],
  food: ['identity', 'sex', 'age', 'location', 'caregivers'],
  other: ['identity', 'sex', 'age', 'location', 'contact'],
};

/** The categories a referral carries: consented and needed, in a fixed order. */
export function sharedCategories(consented: readonly DataCategory[], serviceType: ServiceType): DataCategory[] {
  return SERVICE_NEEDS[serviceType].filter((c) => consented.includes(c));
}

/** The fields of the child view each category opens: the one place the mapping is written down. */
const FIELDS: Readonly<Record<DataCategory, ReadonlyArray<keyof ReferralChildView>>> = {
  identity: ['name'],
  sex: ['sex'],
  age: ['birthDate', 'ageAtRegistration'],
  location: ['location'],
  contact: ['phones'],
  caregivers: ['caregivers'],
  identifiers: ['identifiers'],
  protection: ['protectionConcerns', 'riskLevel', 'displacementStatus'],
};

export const fieldsOf = (category: DataCategory): ReadonlyArray<keyof ReferralChildView> => FIELDS[category];

/**
 * The child as the receiver sees it: the referrer's person and case cut to `categories`. Anything not
 * named by a category is left out, including whatever a later schema version adds.
 */
export function minimiseChild(
  child: { person: Person; case?: Pick<Case, 'protectionConcerns' | 'riskLevel' | 'displacementStatus'> },
  categories: readonly DataCategory[],
): ReferralChildView {
  const full: Record<string, unknown> = { ...child.person, ...child.case };
  const view: Record<string, unknown> = {};
  for (const category of categories) {
    for (const field of FIELDS[category]) {
      if (full[field] !== undefined) view[field] = full[field];
    }
  }
  return view as ReferralChildView;
}
