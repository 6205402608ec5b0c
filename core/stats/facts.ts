import * as z from 'zod';
import type { CanonicalRecord } from '../../schemas/canonical/record.ts';
import { BirthDate, AgeAtRegistration } from '../../schemas/canonical/person.ts';
import { ProtectionConcern, ServiceType, Sex } from '../../schemas/canonical/codes.ts';
import { OrganisationId } from '../../schemas/canonical/organisation.ts';

/**
 * What statistics need to know of one child (a registry person), and nothing more: no name, no exact
 * place below the territory, no identifier but the person id. It is the statistics projection's row,
 * kept up to date from the change feed, so that a report reads one row per child instead of every record.
 * Only records whose consent allows reporting (see `reportable`) contribute to it.
 */
export const RecordFacts = z.strictObject({
  organisationId: OrganisationId,
  /** The case's registration date, else the day Relais first stored the record. */
  registeredOn: z.iso.date(),
  sex: Sex,
  birthDate: BirthDate.optional(),
  ageAtRegistration: AgeAtRegistration.optional(),
  protectionConcerns: z.array(ProtectionConcern),
  province: z.string().optional(),
  territory: z.string().optional(),
});
export type RecordFacts = z.infer<typeof RecordFacts>;

export const ChildFacts = z.strictObject({
  personId: z.string(),
  records: z.array(RecordFacts),
  /**
   * Referrals made for the child: the service asked for, the day, and the two organisations party to it,
   * so that an organisation's own view counts only its own referrals (a service another organisation
   * referred the child to is that organisation's to tell). A referral without parties counts across
   * organisations only.
   */
  referrals: z.array(
    z.strictObject({
      serviceType: ServiceType,
      requestedOn: z.iso.date(),
      parties: z.array(OrganisationId).optional(),
    }),
  ),
});
export type ChildFacts = z.infer<typeof ChildFacts>;

/**
 * Whether a record may be counted. Consent given for reporting counts and consent refused does not.
 * When the record says nothing: a mapping that asks the question (it fills /case/consent/reporting, as
 * Primero's does) and got no answer has no consent, so the record is left out; a tool that never asks
 * (KoboToolbox, CommCare, a spreadsheet) is counted, in anonymous totals only, under the partner's data
 * sharing agreement, as its own reports already are.
 */
export function reportable(record: Pick<CanonicalRecord, 'case'>, mappingAsksReportingConsent: boolean): boolean {
  const given = record.case?.consent?.reporting;
  if (given !== undefined) return given;
  return !mappingAsksReportingConsent;
}

export function recordFacts(record: CanonicalRecord): RecordFacts {
  const { person } = record;
  return {
    organisationId: record.organisationId,
    registeredOn: record.case?.registrationDate ?? record.storedAt.slice(0, 10),
    sex: person.sex,
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    ...(person.ageAtRegistration ? { ageAtRegistration: person.ageAtRegistration } : {}),
    protectionConcerns: [...new Set(record.case?.protectionConcerns ?? [])].sort(),
    ...(person.location?.province ? { province: person.location.province } : {}),
    ...(person.location?.territory ? { territory: person.location.territory } : {}),
  };
}

/** A child's row, from its records (each with whether its mapping asks for reporting consent) and referrals. */
export function childFacts(
  personId: string,
  records: ReadonlyArray<{ record: CanonicalRecord; mappingAsksReportingConsent: boolean }>,
  referrals: ReadonlyArray<{
    serviceType: ServiceType;
    requestedAt: string;
    referring?: { organisationId: string };
    receiving?: { organisationId: string };
  }> = [],
): ChildFacts {
  return {
    personId,
    records: records
      .filter((r) => reportable(r.record, r.mappingAsksReportingConsent))
      .map((r) => recordFacts(r.record)),
    referrals: referrals.map((r) => {
      const parties = [r.referring?.organisationId, r.receiving?.organisationId].filter((p) => p !== undefined);
      return {
        serviceType: r.serviceType,
        requestedOn: r.requestedAt.slice(0, 10),
        ...(parties.length ? { parties: [...new Set(parties)].sort() } : {}),
      };
    }),
  };
}
