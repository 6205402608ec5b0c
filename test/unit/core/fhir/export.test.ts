import type { Bundle, Patient, RelatedPerson, ServiceRequest } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryRecordStore } from '../../../../adapters/memory/record-store.ts';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import { exportPerson, exportReferral } from '../../../../core/fhir/export.ts';
import { patientToRecord } from '../../../../core/fhir/index.ts';
import { personForOrganisation } from '../../../../core/persons/scoped-registry.ts';
import { minimiseChild, sharedCategories } from '../../../../core/referrals/minimise.ts';
import { readReferral } from '../../../../core/referrals/read.ts';
import { recordIdFor } from '../../../../core/records/record-id.ts';
import { matchRecord } from '../../../../core/registry/match-record.ts';
import { DataCategory } from '../../../../schemas/canonical/referral.ts';
import { ServiceType } from '../../../../schemas/canonical/codes.ts';
import type { CanonicalRecord } from '../../../../schemas/canonical/record.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import { amani, consentFor, storedReferral } from '../../../fixtures/referrals/referrals.ts';
import { childOf } from '../../../fixtures/registry/households.ts';
import { memoryDeps } from '../../../fixtures/registry/registry.ts';

const principal = (organisationId: string): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: `${organisationId.slice(4)}key1` },
});
const espoir = principal('org_espoir');
const divas = principal('org_divas');
const third = principal('org_third');
const AT = new Date('2026-12-02T12:00:00.000Z');

const resources = <T>(bundle: Bundle, type: string) =>
  bundle.entry!.map((e) => e.resource!).filter((r) => r.resourceType === type) as T[];

function record(organisationId: string, sourceRecordId: string, person: Person): CanonicalRecord {
  const sourceId = `src_${organisationId.slice(4)}`;
  return {
    schemaVersion: '1',
    id: recordIdFor(sourceId, sourceRecordId),
    organisationId,
    person,
    case: { status: 'open' },
    provenance: {
      sourceId,
      sourceRecordId,
      mappingVersion: 'builtin-1',
      receivedAt: '2026-12-01T08:00:00.000Z',
      contentHash: '0'.repeat(64),
    },
    storedAt: '2026-12-01T08:00:00.000Z',
  };
}

describe('exporting a registry person to FHIR', () => {
  /** Neema registered by Espoir twice (two records, one person) and by DIVAS once. */
  async function registry() {
    const deps = memoryDeps();
    const records = new MemoryRecordStore();
    const neema = childOf(
      {
        family: 'KABASELE',
        postnom: 'Tshimanga',
        caregiver: { family: 'MWAMBA', given: 'Esther' },
        phone: '+243812345678',
        village: 'Kasapa',
        birth: '2016-04-09',
      },
      'Neema',
    );
    const mine = [record('org_espoir', 'E-1', neema), record('org_espoir', 'E-2', neema)];
    const theirs = record('org_divas', 'D-1', {
      ...neema,
      identifiers: [{ scheme: 'national_id', value: 'DIV-SECRET-9' }],
    });
    for (const r of [...mine, theirs]) {
      await records.put(r);
      await matchRecord(deps, { id: r.id, organisationId: r.organisationId, person: r.person });
    }
    const personId = (await deps.store.getLink(mine[0]!.id))!.personId;
    return { deps: { registry: deps, records }, personId, mine, theirs };
  }

  it("holds one Patient per record the caller holds, linked seealso, and nothing of another organisation's", async () => {
    const { deps, personId, mine, theirs } = await registry();
    expect((await deps.registry.store.getLink(theirs.id))!.personId).toBe(personId);
    const json = await personForOrganisation(deps.registry, espoir.organisationId, personId);
    const bundle = await exportPerson(deps, espoir, personId);
    const patients = resources<Patient>(bundle, 'Patient');
    expect(patients.map((p) => patientToRecord(p).recordId).sort()).toEqual(json.records.map((r) => r.recordId).sort());
    expect(patients.map((p) => patientToRecord(p).recordId).sort()).toEqual(mine.map((r) => r.id).sort());
    for (const p of patients) expect(p.link).toEqual([expect.objectContaining({ type: 'seealso' })]);
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(theirs.id);
    expect(text).not.toContain('DIV-SECRET-9');
    expect(text).not.toContain('org_divas');
  });

  it('answers a person the caller holds no record of like the JSON read: person-not-found', async () => {
    const { deps, personId } = await registry();
    await expect(personForOrganisation(deps.registry, third.organisationId, personId)).rejects.toMatchObject({
      reason: 'person-not-found',
    });
    await expect(exportPerson(deps, third, personId)).rejects.toMatchObject({ reason: 'person-not-found' });
  });
});

/** What of the child a Bundle carries, read back as canonical fields (Patient and RelatedPersons). */
function childIn(bundle: Bundle): Partial<Person> | undefined {
  const [patient] = resources<Patient>(bundle, 'Patient');
  if (!patient) return undefined;
  return patientToRecord(patient, { relatedPersons: resources<RelatedPerson>(bundle, 'RelatedPerson') }).person;
}

const personPart = (view: Record<string, unknown>) => {
  const { protectionConcerns: _p, riskLevel: _r, displacementStatus: _d, ...person } = view;
  return person;
};

describe('exporting a referral to FHIR', () => {
  const full = { person: amani, case: { protectionConcerns: ['separated' as const], riskLevel: 'high' as const } };

  async function stored(categories: DataCategory[], serviceType: ServiceType = 'psychosocial', status = {}) {
    const referrals = new MemoryReferralStore();
    const shared = sharedCategories(categories, serviceType);
    const referral = storedReferral({
      serviceType,
      consent: consentFor(['org_divas'], { categories, purposes: [serviceType] }) as never,
      child: { view: minimiseChild(full, shared), categories: shared },
      ...status,
    });
    await referrals.create(referral);
    return { deps: { referrals }, referral };
  }

  it('shows the receiver of a minimised referral no more than its JSON GET: the consented and needed fields', async () => {
    const { deps, referral } = await stored(['identity', 'sex']);
    const { view } = await readReferral(deps, divas, referral.id, AT);
    const { bundle, crossOrganisationRead } = await exportReferral(deps, divas, referral.id, AT);
    expect(crossOrganisationRead).toBe(true);
    expect(childIn(bundle)).toEqual(view.child!.view);
    expect(childIn(bundle)).toEqual({ name: amani.name, sex: 'female' });
    const text = JSON.stringify(bundle);
    for (const hidden of [
      '2013-04',
      'Kanina',
      'Kolwezi',
      'Neema',
      '+243812345678',
      '+243998877665',
      'KZ-2013-0417',
      'separated',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('records the export as a read of the child, as the JSON read does', async () => {
    const { deps, referral } = await stored(['identity', 'sex']);
    await exportReferral(deps, divas, referral.id, AT);
    expect((await deps.referrals.get(referral.id))!.delivery.map((f) => f.fact)).toEqual(['read']);
  });

  it('property: for any consent and service, the exported child is exactly the JSON view, for both parties', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...DataCategory.options], { minLength: 1 }),
        fc.constantFrom(...ServiceType.options),
        fc.constantFrom(espoir, divas),
        async (categories, serviceType, who) => {
          const { deps, referral } = await stored(categories, serviceType);
          const { view } = await readReferral(deps, who, referral.id, AT);
          const { bundle } = await exportReferral(deps, who, referral.id, AT);
          const person = personPart(view.child!.view as Record<string, unknown>);
          if (Object.keys(person).length === 0) expect([undefined, {}]).toContainEqual(childIn(bundle));
          else expect(childIn(bundle)).toEqual(person);
          const [request] = resources<ServiceRequest>(bundle, 'ServiceRequest');
          const concerns = request!.reasonCode!.flatMap((c) => c.coding ?? []).map((c) => c.code);
          expect(concerns).toEqual(view.child!.view.protectionConcerns ?? []);
          expect(JSON.stringify(bundle).includes('high')).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives the receiver no child once the referral's grant has ended, as its JSON GET does", async () => {
    const { deps, referral } = await stored(['identity', 'sex', 'age'], 'psychosocial', {
      status: 'rejected',
      history: [
        {
          version: 1,
          status: 'requested',
          at: '2026-12-01T10:00:00.000Z',
          byOrganisationId: 'org_espoir',
          side: 'referring',
        },
        {
          version: 2,
          status: 'rejected',
          at: '2026-12-01T11:00:00.000Z',
          byOrganisationId: 'org_divas',
          side: 'receiving',
          reasonCode: 'no-capacity',
        },
      ],
      version: 2,
    });
    const { view } = await readReferral(deps, divas, referral.id, AT);
    expect(view.child).toBeUndefined();
    const { bundle, crossOrganisationRead } = await exportReferral(deps, divas, referral.id, AT);
    expect(crossOrganisationRead).toBe(false);
    expect(resources(bundle, 'Patient')).toEqual([]);
    expect(resources(bundle, 'RelatedPerson')).toEqual([]);
    expect(JSON.stringify(bundle)).not.toContain('Amani');
    expect(resources<{ status: string }>(bundle, 'Task')[0]!.status).toBe('rejected');
  });

  it('answers a third organisation like the JSON read: referral-not-found', async () => {
    const { deps, referral } = await stored(['identity']);
    await expect(exportReferral(deps, third, referral.id, AT)).rejects.toMatchObject({ reason: 'referral-not-found' });
  });
});
