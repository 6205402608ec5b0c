import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemResolver } from '../../../../../adapters/outbound/resolve.ts';
import { PrimeroClient } from '../../../../../adapters/sources/primero/client.ts';
import { jsonTransport } from '../../../../../adapters/sources/primero/http.ts';
import { primeroIdFor, pushCase, pushReferralStatus } from '../../../../../adapters/sources/primero/push.ts';
import { recordIdFor } from '../../../../../core/records/record-id.ts';
import type { CanonicalRecord, NormalisedRecord } from '../../../../../schemas/canonical/index.ts';
import { type PrimeroServer, startPrimeroServer } from '../../../../support/primero-server.ts';

const golden = JSON.parse(
  readFileSync(new URL('../../../../../adapters/sources/primero/golden/bukavu-case.json', import.meta.url), 'utf8'),
) as NormalisedRecord;

function canonical(sourceId: string, sourceRecordId: string, changes: Partial<NormalisedRecord> = {}): CanonicalRecord {
  const n = { ...golden, ...changes };
  return {
    schemaVersion: '1',
    id: recordIdFor(sourceId, sourceRecordId),
    organisationId: 'org_alpha',
    person: n.person,
    case: n.case,
    provenance: {
      sourceId,
      sourceRecordId,
      mappingVersion: 'builtin-1',
      receivedAt: '2026-03-01T00:00:00.000Z',
      contentHash: 'a'.repeat(64),
    },
    storedAt: '2026-03-01T00:00:00.000Z',
  };
}

let server: PrimeroServer;
let client: PrimeroClient;
beforeEach(async () => {
  server = await startPrimeroServer();
  client = new PrimeroClient(
    server.url,
    { user: server.user, password: server.password },
    jsonTransport({ resolver: systemResolver, allowHttpLoopback: true }),
  );
});
afterEach(() => server.close());

const writes = () => server.log.filter((l) => l.method === 'POST' || l.method === 'PATCH').map((l) => l.method);
const noPulls = { pulledFrom: new Set<string>() };

describe('pushing canonical cases to Primero', () => {
  it('creates a case under an id derived from the Relais record, and a replay updates that case only', async () => {
    // A child registered in another tool, with no Primero case id.
    const record = canonical('src_kobo', 'kobo-17', {
      person: { ...golden.person, identifiers: [{ scheme: 'national_id', value: 'CD-0042' }] },
    });
    const first = await pushCase(client, record, noPulls);
    expect(first).toEqual({ recordId: record.id, outcome: 'created', primeroId: primeroIdFor(record.id) });
    const stored = server.cases.get(primeroIdFor(record.id))!;
    expect(stored).toMatchObject({
      name_first: 'Grâce',
      name_last: 'BISIMWA',
      sex: 'female',
      date_of_birth: '2011-11-03',
      national_id_no: 'CD-0042',
      protection_concerns: ['sexually_exploited', 'street_child'],
      consent_for_services: true,
    });
    expect(stored.family_details_section).toHaveLength(1);

    const again = await pushCase(client, record, noPulls);
    expect(again).toMatchObject({ outcome: 'updated', primeroId: primeroIdFor(record.id) });
    expect(server.cases.size).toBe(1);
    // The caregiver's subform entry keeps its unique_id: Primero's merge updates it instead of appending.
    expect(server.cases.get(primeroIdFor(record.id))!.family_details_section).toHaveLength(1);
  });

  it("updates a pulled record's own case, keeping the fields and subform entries Relais does not hold", async () => {
    const id = '0e4f2c6a-9b1d-4e3f-8a7c-5d2b1e0f9a34';
    server.cases.set(id, {
      id,
      case_id_display: 'b1c0d9e',
      owned_by: 'cp_case_worker_09',
      workflow: 'case_plan',
      name_first: 'Grace',
      family_details_section: [{ unique_id: 'u-1', relation_name: 'BISIMWA Espérance', relation: 'mother' }],
      last_updated_at: '2024-03-01T10:22:33.511Z',
    });
    const outcome = await pushCase(client, canonical('src_primero', id), { pulledFrom: new Set(['src_primero']) });
    expect(outcome).toEqual({ recordId: recordIdFor('src_primero', id), outcome: 'updated', primeroId: id });
    const after = server.cases.get(id)!;
    expect(after).toMatchObject({ name_first: 'Grâce', owned_by: 'cp_case_worker_09', workflow: 'case_plan' });
    expect(after.family_details_section).toEqual([
      { unique_id: 'u-1', relation_name: 'BISIMWA Espérance', relation: 'mother' },
    ]);
    expect(server.cases.size).toBe(1);

    server.cases.delete(id);
    const gone = await pushCase(client, canonical('src_primero', id), { pulledFrom: new Set(['src_primero']) });
    expect(gone).toMatchObject({ outcome: 'not-found', primeroId: id });
    expect(server.cases.size).toBe(0);
  });

  it('reports a conflict, writing nothing, when several Primero cases carry the case id; updates the one when alone', async () => {
    const record = canonical('src_kobo', 'kobo-18'); // carries primero_case b1c0d9e
    for (const id of ['11111111-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000002'])
      server.cases.set(id, { id, case_id_display: 'b1c0d9e', last_updated_at: '2024-01-01T00:00:00.000Z' });
    server.log.length = 0;
    const conflict = await pushCase(client, record, noPulls);
    expect(conflict).toEqual({
      recordId: record.id,
      outcome: 'conflict',
      matches: ['11111111-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000002'],
    });
    expect(writes()).toEqual(['POST']); // the login only
    expect(server.cases.get('11111111-0000-4000-8000-000000000001')!.name_first).toBeUndefined();

    server.cases.delete('11111111-0000-4000-8000-000000000002');
    const one = await pushCase(client, record, noPulls);
    expect(one).toMatchObject({ outcome: 'updated', primeroId: '11111111-0000-4000-8000-000000000001' });
    expect(server.cases.get('11111111-0000-4000-8000-000000000001')!.name_first).toBe('Grâce');
  });
});

describe('the documented-shape Primero server', () => {
  it('merges a PATCH as doc/api says: fields not sent kept, subform entries by unique_id, new ones appended, _delete removes', async () => {
    const id = '33333333-0000-4000-8000-000000000001';
    expect(
      await client.createCase({
        id,
        name_first: 'Aline',
        family_details_section: [{ unique_id: 'a', relation: 'mother' }],
      }),
    ).toBe('created');
    expect(await client.createCase({ id, name_first: 'Autre' })).toBe('exists');
    const changed = await client.patchCase(id, {
      sex: 'female',
      family_details_section: [{ unique_id: 'a', relation_name: 'MWAMBA Rose' }, { relation: 'father' }],
    });
    expect(changed).toMatchObject({ id, sex: 'female' });
    expect(changed.name_first).toBeUndefined();
    const stored = server.cases.get(id)!;
    expect(stored.name_first).toBe('Aline');
    const entries = stored.family_details_section as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({ unique_id: 'a', relation: 'mother', relation_name: 'MWAMBA Rose' });
    expect(entries[1]).toMatchObject({ relation: 'father' });
    await client.patchCase(id, { family_details_section: [{ unique_id: 'a', _delete: true }] });
    expect(server.cases.get(id)!.family_details_section).toEqual([entries[1]]);
    const invalid = await client
      .createCase({ id: '33333333-0000-4000-8000-000000000002', registration_date: '5 mars' })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422, problems: [{ detail: 'registration_date' }] });
    expect(await client.getCase('33333333-0000-4000-8000-00000000000f')).toBeUndefined();
  });
});

describe('pushing referral status to Primero', () => {
  const caseId = '22222222-0000-4000-8000-000000000001';
  beforeEach(() => {
    server.cases.set(caseId, { id: caseId, last_updated_at: '2024-01-01T00:00:00.000Z' });
    server.referrals.set(caseId, [
      { id: 'ref-1', type: 'Referral', status: 'in_progress', record_id: caseId, transitioned_to: 'relais' },
      { id: 'ref-2', type: 'Referral', status: 'in_progress', record_id: caseId, transitioned_to: 'relais' },
    ]);
  });

  it('follows Primero referral statuses: accepted, then done; a repeat changes nothing; a closed one is a conflict', async () => {
    const push = (status: Parameters<typeof pushReferralStatus>[1]['status'], referralId = 'ref-1') =>
      pushReferralStatus(client, { caseId, referralId, status, reason: 'service_unavailable' });
    expect(await push('accepted')).toEqual({ outcome: 'updated', status: 'accepted' });
    expect(await push('in-progress')).toEqual({ outcome: 'unchanged', status: 'accepted' });
    expect(await push('on-hold')).toEqual({ outcome: 'not-representable' });
    expect(await push('completed')).toEqual({ outcome: 'updated', status: 'done' });
    expect(await push('rejected')).toEqual({ outcome: 'conflict', primeroStatus: 'done', wanted: 'rejected' });
    expect(await push('rejected', 'ref-2')).toEqual({ outcome: 'updated', status: 'rejected' });
    expect(server.referrals.get(caseId)![1]).toMatchObject({ rejected_reason: 'service_unavailable' });
    expect(await push('accepted', 'ref-9')).toEqual({ outcome: 'not-found' });
  });

  it('revokes a referral Relais cancelled, with the documented DELETE', async () => {
    expect(await pushReferralStatus(client, { caseId, referralId: 'ref-1', status: 'cancelled' })).toEqual({
      outcome: 'updated',
      status: 'revoked',
    });
    expect(server.log.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v2/cases/${caseId}/referrals/ref-1` });
  });
});
