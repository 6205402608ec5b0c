import type { ReferralInput } from '../../schemas/canonical/referral.ts';

/**
 * The demo's referral: Espoir refers a fictional girl of Kolwezi to a psychosocial service, under a
 * consent that names DIVAS and releases her identity, sex, age, location and caregivers, but not her
 * phone number nor her identifiers: the receiver's terminal shows that those never arrive.
 */
export function demoReferral(now = new Date()): ReferralInput {
  const inSixMonths = new Date(now.getTime() + 182 * 86_400_000).toISOString();
  return {
    to: { serviceType: 'psychosocial' },
    child: {
      person: {
        name: { given: 'Neema', family: 'Mwamba', middle: 'Kasongo' },
        sex: 'female',
        birthDate: { value: '2014-03', precision: 'month' },
        phones: ['+243970000001'],
        identifiers: [{ scheme: 'birth_certificate', value: 'DEMO-2014-0301' }],
        caregivers: [{ relationship: 'grandparent', name: { given: 'Mama Furaha' } }],
        location: { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kanina' },
      },
    },
    reason: "Enfant séparée de ses parents, travaillait sur un site minier ; besoin d'un appui psychosocial",
    protectionConcerns: ['separated', 'worst_forms_of_child_labor'],
    priority: 'urgent',
    referringCaseId: 'ESP-2026-0001',
    referringCaseWorker: 'CW-ESP-07',
    consent: {
      basis: 'consent',
      caregiverConsent: true,
      childAssent: true,
      childAgeAtConsent: 12,
      givenAt: now.toISOString(),
      recordedBy: 'CW-ESP-07',
      recipients: ['org_divas-lualaba'],
      categories: ['identity', 'sex', 'age', 'location', 'caregivers'],
      purposes: ['psychosocial', 'family_reunification'],
      validUntil: inSixMonths,
    },
  };
}
