/**
 * The URIs Relais names its identifiers, codes and extensions by in FHIR. One base (a deployment sets its
 * own, e.g. its public address; the default is a placeholder under example, as no registry assigns one)
 * and fixed paths under it, so that a server receiving Bundles from two Relais deployments never confuses
 * their ids, and a pull maps back on the same systems.
 */
export const DEFAULT_FHIR_BASE = 'https://relais.example/fhir';

export interface FhirSystems {
  readonly base: string;
  /** A canonical record (`rec_…`): the key of one Patient. */
  readonly record: string;
  /** A registry person (`per_…`). */
  readonly person: string;
  readonly organisation: string;
  readonly service: string;
  /** A referral (`ref_…`): the placer identifier of its ServiceRequest and the key of its Task. */
  readonly referral: string;
  /** The child of one referral, as that referral's minimised view shows it: the key of its Patient. */
  readonly referralChild: string;
  /** Referral consents, keyed by referral. */
  readonly referralConsent: string;
  /** A caregiver of a record, keyed `rec_…/<index>`. */
  readonly caregiver: string;
  /** A person identifier of the canonical schema, by scheme (national_id, birth_certificate…). */
  identifier(scheme: string): string;
  /** Case ids of one organisation (placer: the referrer's, filler: the receiver's). */
  caseOf(organisationId: string): string;
  /** Consent form ids of one organisation (the referral consent's `reference`). */
  consentFormOf(organisationId: string): string;
  codeSystem(name: CodeSystemName): string;
  extension(name: ExtensionName): string;
  policy(name: 'referral-consent' | 'consent-override'): string;
}

export type CodeSystemName =
  | 'caregiver-relationship'
  | 'service-type'
  | 'protection-concern'
  | 'data-category'
  | 'reason-code'
  | 'delivery-fact'
  | 'service-outcome'
  /** Task.output types of a completion: service-provided, outcome (a service-outcome code), date. */
  | 'task-output'
  | 'organisation-kind';

export type ExtensionName =
  | 'birth-date-estimated'
  | 'age-at-registration'
  | 'eligibility-age'
  | 'eligibility-sex'
  | 'consent-caregiver'
  | 'consent-child-assent'
  | 'consent-child-age';

export function fhirSystems(base: string = DEFAULT_FHIR_BASE): FhirSystems {
  const root = base.replace(/\/+$/, '');
  return {
    base: root,
    record: `${root}/sid/record`,
    person: `${root}/sid/person`,
    organisation: `${root}/sid/organisation`,
    service: `${root}/sid/service`,
    referral: `${root}/sid/referral`,
    referralChild: `${root}/sid/referral-child`,
    referralConsent: `${root}/sid/referral-consent`,
    caregiver: `${root}/sid/caregiver`,
    identifier: (scheme) => `${root}/identifier/${scheme}`,
    caseOf: (organisationId) => `${root}/sid/organisation/${organisationId}/case`,
    consentFormOf: (organisationId) => `${root}/sid/organisation/${organisationId}/consent-form`,
    codeSystem: (name) => `${root}/CodeSystem/${name}`,
    extension: (name) => `${root}/StructureDefinition/${name}`,
    policy: (name) => `${root}/policy/${name}`,
  };
}

/** The scheme an identifier system names, if it is one of `identifier(scheme)`. */
export function schemeOf(systems: FhirSystems, system: string | undefined): string | undefined {
  const prefix = `${systems.base}/identifier/`;
  return system?.startsWith(prefix) ? system.slice(prefix.length) : undefined;
}
