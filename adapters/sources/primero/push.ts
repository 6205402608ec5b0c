import { v5 as uuidv5 } from 'uuid';
import type { CanonicalRecord } from '../../../schemas/canonical/index.ts';
import type { ReferralStatus } from '../../../schemas/canonical/referral.ts';
import type { PrimeroClient } from './client.ts';

/**
 * The namespace of the UUIDs Relais gives the cases it creates in Primero (doc/api/cases/post.md accepts a
 * client-generated `data.id`): a record always gets the same id, so a replayed push finds its own case
 * instead of creating a second one.
 */
const RELAIS_CASE_NAMESPACE = '6f0c3f1e-5a57-4c7e-9a55-8d2f0e4b7c21';

export const primeroIdFor = (recordId: string): string => uuidv5(recordId, RELAIS_CASE_NAMESPACE);

export type PushOutcome =
  | { recordId: string; outcome: 'created' | 'updated'; primeroId: string }
  /** Several Primero cases carry the record's case id: nothing is written, a person must say which. */
  | { recordId: string; outcome: 'conflict'; matches: string[] }
  /** The record came from this Primero, and its case is gone there (or out of the user's scope). */
  | { recordId: string; outcome: 'not-found'; primeroId: string };

export interface PushTarget {
  /** The Relais sources that pull from this Primero: their records' source ids are Primero case ids. */
  pulledFrom: ReadonlySet<string>;
}

type Client = Pick<PrimeroClient, 'getCase' | 'listCases' | 'createCase' | 'patchCase'>;

/**
 * Creates or updates the record's case in Primero. Which case is the record's, in this order:
 * 1. a record pulled from this Primero is its case (`provenance.sourceRecordId` is Primero's id);
 * 2. a record carrying a Primero case id (identifier `primero_case`, Primero's `case_id_display`) is the
 *    case with that id, when exactly one has it; several is a conflict, reported and never resolved by
 *    taking the first;
 * 3. otherwise the case Relais created for it before (its id derived from the Relais record id), or a new
 *    one with that id.
 * Updates are PATCHes of the fields Relais holds: Primero keeps the others, and merges the caregivers'
 * subform by `unique_id` (each caregiver's is derived from the record), so a replay changes nothing.
 */
export async function pushCase(client: Client, record: CanonicalRecord, target: PushTarget): Promise<PushOutcome> {
  const recordId = record.id;
  const pulled = target.pulledFrom.has(record.provenance.sourceId);
  // Primero already holds a pulled case's subform entries under its own `unique_id`s, which the mapping
  // does not keep: sent again under Relais's, the merge would append each caregiver a second time.
  const fields = primeroFields(record, { subforms: !pulled });
  if (pulled) {
    const primeroId = record.provenance.sourceRecordId;
    if (!(await client.getCase(primeroId))) return { recordId, outcome: 'not-found', primeroId };
    await client.patchCase(primeroId, fields);
    return { recordId, outcome: 'updated', primeroId };
  }
  const caseIdDisplay = record.person.identifiers?.find((i) => i.scheme === 'primero_case')?.value;
  if (caseIdDisplay) {
    // A filter on the field itself, not the free-text `query`, which also searches names.
    const found = await client.listCases({ case_id_display: caseIdDisplay, fields: 'short', per: '2' });
    if (found.metadata.total > 1 || found.data.length > 1) {
      const all =
        found.metadata.total > found.data.length
          ? await client.listCases({ case_id_display: caseIdDisplay, fields: 'short', per: '1000' })
          : found;
      return { recordId, outcome: 'conflict', matches: all.data.map((c) => c.id) };
    }
    const only = found.data[0];
    if (only) {
      await client.patchCase(only.id, fields);
      return { recordId, outcome: 'updated', primeroId: only.id };
    }
  }
  const primeroId = primeroIdFor(recordId);
  if (await client.getCase(primeroId)) {
    await client.patchCase(primeroId, fields);
    return { recordId, outcome: 'updated', primeroId };
  }
  // Created meanwhile by another push of the same record: update it instead.
  if ((await client.createCase({ ...fields, id: primeroId })) === 'exists') await client.patchCase(primeroId, fields);
  return { recordId, outcome: 'created', primeroId };
}

/** Relais caregiver relationships Primero's CP module has one value for; the others are left unset. */
const RELATION: Partial<Record<string, string>> = {
  mother: 'mother',
  father: 'father',
  guardian: 'guardian',
  foster_carer: 'foster_family',
  other_relative: 'other_family',
};

/**
 * The canonical record in the CP module's field names (the reverse of mapping.yaml). Only what Relais
 * holds is sent: an absent field is left out, never sent empty, so that a PATCH erases nothing in Primero.
 */
export function primeroFields(record: CanonicalRecord, options = { subforms: true }): Record<string, unknown> {
  const { person, case: c } = record;
  const out: Record<string, unknown> = {
    name_first: person.name.given,
    name_middle: person.name.middle,
    name_last: person.name.family,
    name_nickname: person.name.nickname,
    name_other: person.name.other?.join(', '),
    sex: person.sex,
    date_of_birth: person.birthDate?.precision === 'exact' ? person.birthDate.value : undefined,
    age: ageFor(record),
    national_id_no: person.identifiers?.find((i) => i.scheme === 'national_id')?.value,
    telephone_current: person.phones?.[0],
    address_current: person.location?.text,
    status: c.status,
    registration_date: c.registrationDate,
    protection_concerns: protectionConcerns(record),
    risk_level: c.riskLevel,
    displacement_status: c.displacementStatus,
    consent_for_services: c.consent?.services,
    disclosure_other_orgs: c.consent?.disclosureToOtherOrgs,
    consent_for_tracing: c.consent?.tracing,
    consent_reporting: c.consent?.reporting,
    consent_info_sharing: c.consent?.infoSharing,
    family_details_section: !options.subforms
      ? undefined
      : person.caregivers?.map((g, i) => ({
          unique_id: uuidv5(`${record.id}/caregiver/${i}`, RELAIS_CASE_NAMESPACE),
          relation_name: [g.name?.family, g.name?.middle, g.name?.given].filter(Boolean).join(' ') || undefined,
          relation: RELATION[g.relationship],
          relation_telephone: g.phone,
        })),
  };
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/**
 * Primero holds a date of birth or an age: a birth date known to the year only (or estimated from an age)
 * is sent as the age at registration, which Primero's own mapping turns back into that year.
 */
function ageFor({ person, case: c }: CanonicalRecord): number | undefined {
  if (person.ageAtRegistration) return person.ageAtRegistration.years;
  const b = person.birthDate;
  if (!b || b.precision === 'exact' || !c.registrationDate) return undefined;
  const years = Number(c.registrationDate.slice(0, 4)) - Number(b.value.slice(0, 4));
  return years >= 0 ? years : undefined;
}

/** The concerns, with each `other` the mapping made of a code it did not know given back as that code. */
function protectionConcerns(record: CanonicalRecord): string[] | undefined {
  const concerns = record.case.protectionConcerns;
  if (!concerns) return undefined;
  const raw = (record.unmappedCodes ?? []).filter((u) => u.target === '/case/protectionConcerns').map((u) => u.raw);
  if (raw.length === 0) return concerns;
  // In the concerns' order: the mapping put one `other` where it met the first code it did not know.
  const out: string[] = [];
  for (const concern of concerns) out.push(...(concern === 'other' ? raw : [concern]));
  return [...new Set(out)];
}

/**
 * A Relais referral status as Primero's referral (Transition) statuses say it: `in_progress` (awaiting an
 * answer), `accepted`, `rejected`, `done`, `revoked`. Primero has no state for on-hold or failed, and
 * none between accepted and done.
 */
export const PRIMERO_REFERRAL_STATUS: Readonly<Record<ReferralStatus, string | undefined>> = {
  requested: 'in_progress',
  accepted: 'accepted',
  'in-progress': 'accepted',
  'on-hold': undefined,
  rejected: 'rejected',
  completed: 'done',
  cancelled: 'revoked',
  failed: undefined,
};

/** Where Primero's Referral#process! goes from each status; `revoked` by DELETE (doc/api/referrals/id/delete.md). */
const NEXT: Readonly<Record<string, readonly string[]>> = {
  in_progress: ['accepted', 'rejected', 'revoked'],
  accepted: ['done', 'rejected', 'revoked'],
};

export type ReferralPushOutcome =
  | { outcome: 'updated' | 'unchanged'; status: string }
  | { outcome: 'not-representable' | 'not-found' }
  /** Primero's referral is already closed another way (e.g. done there, rejected here). */
  | { outcome: 'conflict'; primeroStatus: string; wanted: string };

type ReferralClient = Pick<PrimeroClient, 'listReferrals' | 'updateReferral' | 'revokeReferral'>;

/** Sets a Primero referral's status from the Relais referral it stands for. */
export async function pushReferralStatus(
  client: ReferralClient,
  input: { caseId: string; referralId: string; status: ReferralStatus; reason?: string },
): Promise<ReferralPushOutcome> {
  const wanted = PRIMERO_REFERRAL_STATUS[input.status];
  if (!wanted) return { outcome: 'not-representable' };
  const referral = (await client.listReferrals(input.caseId)).find((r) => r.id === input.referralId);
  if (!referral) return { outcome: 'not-found' };
  const current = referral.status ?? 'in_progress';
  if (current === wanted) return { outcome: 'unchanged', status: current };
  if (!NEXT[current]?.includes(wanted)) return { outcome: 'conflict', primeroStatus: current, wanted };
  if (wanted === 'revoked') {
    const revoked = await client.revokeReferral(input.caseId, input.referralId);
    return { outcome: 'updated', status: revoked.status ?? wanted };
  }
  const updated = await client.updateReferral(input.caseId, input.referralId, {
    status: wanted,
    ...(wanted === 'rejected' && input.reason ? { rejected_reason: input.reason } : {}),
    ...(wanted === 'done' && input.reason ? { rejection_note: input.reason } : {}),
  });
  return { outcome: 'updated', status: updated.status ?? wanted };
}
