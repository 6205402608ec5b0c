import type { FieldIssue } from '../errors/field-issue.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { ConsentBasis } from '../../schemas/canonical/referral.ts';
import type { ServiceType } from '../../schemas/canonical/codes.ts';
import type { Principal } from './principal.ts';

/**
 * Whether a referral is covered by what the child and caregiver agreed to: the policy's other half,
 * beside visibility. Sharing a child with another organisation needs a consent that names that
 * organisation, the service's purpose and a date inside its validity, or an override by an admin.
 */

/**
 * Below this age a caregiver's consent is needed; from it, the child's own informed consent may stand
 * alone (the inter-agency child-protection case-management guidelines treat older adolescents so).
 */
export const CAREGIVER_CONSENT_BELOW_AGE = 15;

export interface ReferralToCover {
  receivingOrganisationId: string;
  serviceType: ServiceType;
}

const issue = (pointer: string, code: string, en: string, fr: string): FieldIssue => ({
  pointer,
  code,
  message: { en, fr },
});

/** The problems that keep `consent` from covering the referral at `at`; empty when it does. */
export function consentIssues(consent: ConsentBasis | undefined, referral: ReferralToCover, at: Date): FieldIssue[] {
  if (consent === undefined) {
    return [
      issue(
        '/consent',
        'required',
        'A referral needs the recorded consent (or an override by an admin)',
        'Une référence demande le consentement enregistré (ou une dérogation par un admin)',
      ),
    ];
  }
  if (consent.basis === 'override') return [];
  const issues: FieldIssue[] = [];
  if (!consent.recipients.some((id) => id === referral.receivingOrganisationId)) {
    issues.push(
      issue(
        '/consent/recipients',
        'recipient-not-consented',
        'The consent does not name the receiving organisation',
        "Le consentement ne nomme pas l'organisation destinataire",
      ),
    );
  }
  if (!consent.purposes.includes(referral.serviceType)) {
    issues.push(
      issue(
        '/consent/purposes',
        'purpose-not-consented',
        `The consent does not cover a referral for ${referral.serviceType}`,
        `Le consentement ne couvre pas une référence pour ${referral.serviceType}`,
      ),
    );
  }
  if (Date.parse(consent.givenAt) > at.getTime()) {
    issues.push(
      issue(
        '/consent/givenAt',
        'in-future',
        'The consent is dated in the future',
        'Le consentement est daté dans le futur',
      ),
    );
  }
  if (Date.parse(consent.validUntil) <= at.getTime()) {
    issues.push(issue('/consent/validUntil', 'expired', 'The consent has expired', 'Le consentement a expiré'));
  }
  if (consent.childAgeAtConsent < CAREGIVER_CONSENT_BELOW_AGE && !consent.caregiverConsent) {
    issues.push(
      issue(
        '/consent/caregiverConsent',
        'caregiver-consent-required',
        `Under ${CAREGIVER_CONSENT_BELOW_AGE}, a caregiver's consent is required`,
        `Avant ${CAREGIVER_CONSENT_BELOW_AGE} ans, le consentement d'un parent ou tuteur est requis`,
      ),
    );
  }
  return issues;
}

/**
 * Refuses a referral its consent does not cover (422 naming each field), and an override made with a
 * key that is not the organisation's admin (403).
 */
export function requireConsent(
  principal: Pick<Principal, 'roles'>,
  consent: ConsentBasis | undefined,
  referral: ReferralToCover,
  at: Date,
): ConsentBasis {
  const issues = consentIssues(consent, referral, at);
  if (issues.length > 0) throw new RelaisError('validation', 'consent-required', issues);
  if (consent!.basis === 'override' && !principal.roles.includes('admin')) {
    throw new RelaisError('forbidden', 'consent-override-needs-admin');
  }
  return consent!;
}
