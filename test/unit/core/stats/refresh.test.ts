import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../../../adapters/memory/directory.ts';
import { MemoryMappingStore } from '../../../../adapters/memory/mapping-store.ts';
import { MemoryRecordStore } from '../../../../adapters/memory/record-store.ts';
import { MemoryReferralStore } from '../../../../adapters/memory/referral-store.ts';
import { MemoryStatsRefreshQueue } from '../../../../adapters/memory/stats-refresh-queue.ts';
import { MemoryStatsStore } from '../../../../adapters/memory/stats-store.ts';
import { builtinMappings } from '../../../../adapters/sources/index.ts';
import { recordIdFor } from '../../../../core/records/record-id.ts';
import { mergePersons } from '../../../../core/registry/manage-persons.ts';
import { matchRecord } from '../../../../core/registry/match-record.ts';
import { recordChildKey } from '../../../../core/stats/ports.ts';
import { handleRefresh, refreshChildFacts } from '../../../../core/stats/refresh.ts';
import type { Case } from '../../../../schemas/canonical/case.ts';
import type { Person } from '../../../../schemas/canonical/person.ts';
import { CanonicalRecord } from '../../../../schemas/canonical/record.ts';
import type { Source } from '../../../../schemas/canonical/organisation.ts';
import { storedReferral } from '../../../fixtures/referrals/referrals.ts';
import { childOf } from '../../../fixtures/registry/households.ts';
import { memoryDeps } from '../../../fixtures/registry/registry.ts';

const household = {
  family: 'KABASELE',
  postnom: 'Tshimanga',
  caregiver: { family: 'MWAMBA', given: 'Esther' },
  phone: '+243812345678',
  village: 'Kasapa',
  birth: '2016-04-09',
};
const other = { ...household, family: 'LUBAYA', postnom: 'Ngandu', phone: '+243899999999', village: 'Bunia' };

const source = (id: string, tool: Source['tool']): Source => ({
  id,
  organisationId: 'org_avsi',
  name: id,
  tool,
  auth: { method: 'api-key' },
  createdAt: '2026-01-01T00:00:00.000Z',
});

let n = 0;
function record(sourceId: string, person: Person, kase: Partial<Case> = {}, organisationId = 'org_avsi') {
  n++;
  return CanonicalRecord.parse({
    schemaVersion: '1',
    id: recordIdFor(sourceId, String(n)),
    organisationId,
    person,
    case: { status: 'open', registrationDate: '2026-02-01', ...kase },
    provenance: {
      sourceId,
      sourceRecordId: String(n),
      mappingVersion: '1',
      receivedAt: '2026-02-01T00:00:00.000Z',
      contentHash: 'a'.repeat(64),
    },
    storedAt: '2026-02-01T00:00:00.000Z',
  });
}

async function setup() {
  const registry = memoryDeps();
  const directory = new MemoryDirectory();
  await directory.createSource(source('src_kobo', 'kobotoolbox'));
  await directory.createSource(source('src_primero', 'primero'));
  const deps = {
    registry: registry.store,
    records: new MemoryRecordStore(),
    referrals: new MemoryReferralStore(),
    directory,
    mappings: new MemoryMappingStore(),
    stats: new MemoryStatsStore(),
    queue: new MemoryStatsRefreshQueue(),
    builtinMapping: (tool: Source['tool']) =>
      tool === 'canonical' ? undefined : builtinMappings[tool as keyof typeof builtinMappings],
  };
  const store = async (r: CanonicalRecord) => {
    await deps.records.put(r);
    return (await matchRecord(registry, r)).personId;
  };
  return { registry, deps, store };
}

describe('refreshChildFacts', () => {
  it('counts a Kobo record that says nothing of reporting, and a Primero record only with its consent', async () => {
    const { deps, store } = await setup();
    const neema = childOf(household, 'Neema', { sex: 'female' });
    const personId = await store(record('src_kobo', neema));
    await store(record('src_primero', neema, {}, 'org_divas'));
    await store(record('src_primero', neema, { consent: { reporting: true } as never }, 'org_war-child'));
    expect(await refreshChildFacts(deps, personId)).toMatchObject({ outcome: 'written', records: 3, counted: 2 });
    const row = await deps.stats.getChild(personId);
    expect(row?.records.map((r) => r.organisationId).sort()).toEqual(['org_avsi', 'org_war-child']);
    expect(row?.records[0]).not.toHaveProperty('name');
  });

  it("follows the source's live mapping: once it fills /case/consent/reporting, an unanswered record is left out", async () => {
    const { deps, store } = await setup();
    const personId = await store(record('src_kobo', childOf(household, 'Furaha')));
    expect((await refreshChildFacts(deps, personId)).outcome).toBe('written');
    expect((await deps.stats.getChild(personId))?.records).toHaveLength(1);
    const mapping = structuredClone(builtinMappings.kobotoolbox);
    mapping.fields['/case/consent/reporting'] = { from: 'consent_reporting' } as never;
    await deps.mappings.putVersion({
      sourceId: 'src_kobo',
      version: 1,
      mapping,
      author: 'key:test',
      createdAt: '2026-02-02T00:00:00.000Z',
      diff: { added: ['/case/consent/reporting'], removed: [], changed: [], settings: [] },
    });
    await deps.mappings.activate({
      sourceId: 'src_kobo',
      version: 1,
      activatedAt: '2026-02-02T00:00:00.000Z',
      activatedBy: 'key:test',
    });
    await refreshChildFacts(deps, personId);
    expect((await deps.stats.getChild(personId))?.records).toEqual([]);
  });

  it("deletes the row of a merged person and queues its survivor, in the survivor's own group", async () => {
    const { deps, store, registry } = await setup();
    const a = await store(record('src_kobo', childOf(household, 'Neema')));
    const b = await store(record('src_kobo', childOf(other, 'Bahati', { sex: 'male', birth: '2012-01-01' })));
    expect(a).not.toBe(b);
    await refreshChildFacts(deps, a);
    await refreshChildFacts(deps, b);
    const merged = await mergePersons(registry, { targetId: a, sourceId: b, by: 'key:test', reason: 'same child' });
    const absorbed = merged.id === a ? b : a;
    deps.queue.take();
    expect(await refreshChildFacts(deps, absorbed)).toEqual({
      outcome: 'deleted',
      personId: absorbed,
      survivor: merged.id,
    });
    expect(await deps.stats.getChild(absorbed)).toBeUndefined();
    expect(deps.queue.take()).toEqual([{ personId: merged.id }]);
    await refreshChildFacts(deps, merged.id);
    expect((await deps.stats.getChild(merged.id))?.records).toHaveLength(2);
  });

  it('deletes the row of a person the registry does not know', async () => {
    const { deps } = await setup();
    await deps.stats.putChild({ personId: 'per_gone', records: [], referrals: [] });
    expect(await refreshChildFacts(deps, 'per_gone')).toEqual({ outcome: 'deleted', personId: 'per_gone' });
    expect(await deps.stats.getChild('per_gone')).toBeUndefined();
  });
});

describe('handleRefresh with a referral', () => {
  it("writes the referral's row (no reason, note or child view) and counts its service on the child's row", async () => {
    const { deps, store } = await setup();
    const r = record('src_kobo', childOf(household, 'Neema'));
    const personId = await store(r);
    const referral = storedReferral({
      serviceType: 'health_medical',
      child: { personId, recordId: r.id, view: { sex: 'female' } as never, categories: ['sex'] },
    });
    await deps.referrals.create(referral);
    await handleRefresh(deps, { referralId: referral.id, personId });
    const row = await deps.stats.getReferral(referral.id);
    expect(row).toMatchObject({ id: referral.id, childKey: recordChildKey(r.id), serviceType: 'health_medical' });
    expect(JSON.stringify(row)).not.toMatch(/psychosocial|Enfant|ESP-2026|svc_/);
    expect((await deps.stats.getChild(personId))?.referrals).toEqual([
      {
        serviceType: 'health_medical',
        requestedOn: referral.requestedAt.slice(0, 10),
        parties: ['org_divas', 'org_espoir'],
      },
    ]);
  });

  it("hands a referral over to its child's group when the sender did not know the child, or knew a merged one", async () => {
    const { deps, store } = await setup();
    const r = record('src_kobo', childOf(household, 'Neema'));
    const personId = await store(r);
    const referral = storedReferral({
      child: { recordId: r.id, view: { sex: 'female' } as never, categories: ['sex'] },
    });
    await deps.referrals.create(referral);
    expect(await handleRefresh(deps, { referralId: referral.id })).toBeUndefined();
    expect(deps.queue.take()).toEqual([{ personId, referralId: referral.id }]);
    expect(await handleRefresh(deps, { personId, referralId: referral.id })).toMatchObject({ outcome: 'written' });
    expect(deps.queue.take()).toEqual([]);
  });
});
