import { describe, expect, it } from 'vitest';
import { MemoryServiceDirectory } from '../../../../adapters/memory/service-directory.ts';
import type { Principal } from '../../../../core/access/principal.ts';
import {
  createService,
  deactivateService,
  listOwnServices,
  ownService,
  updateService,
} from '../../../../core/services/manage.ts';
import { CreateServiceRequest } from '../../../../schemas/api/services.ts';
import { serviceInput } from '../../../fixtures/services.ts';

let now = new Date('2026-03-01T08:00:00Z');
const clock = { now: () => now };
const admin = (organisationId = 'org_divas-lualaba'): Principal => ({
  organisationId,
  roles: ['admin'],
  credential: { kind: 'api-key', keyId: 'admin01' },
});
const input = (overrides: Record<string, unknown> = {}) => CreateServiceRequest.parse(serviceInput(overrides));

describe('services of an organisation', () => {
  it("are created in the administrator's organisation under an id Relais draws, at version 1", async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    expect(created).toEqual({
      ...input(),
      id: expect.stringMatching(/^svc_[0-9a-f]{16}$/),
      organisationId: 'org_divas-lualaba',
      lastModified: '2026-03-01T08:00:00.000Z',
      version: 1,
    });
    expect(await services.get(created.id)).toEqual(created);
    expect((await createService(services, clock, admin(), input())).id).not.toBe(created.id);
  });

  it('draw another id when the first is taken, so a collision never overwrites a service', async () => {
    const services = new MemoryServiceDirectory();
    const tried: string[] = [];
    const create = services.create.bind(services);
    services.create = async (s) => {
      tried.push(s.id);
      return tried.length === 1 ? 'exists' : create(s);
    };
    const created = await createService(services, clock, admin(), input());
    expect(tried).toHaveLength(2);
    expect(created.id).toBe(tried[1]);
  });

  it('are updated whole when the version sent is the current one, which then moves on', async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    now = new Date('2026-03-02T08:00:00Z');
    const updated = await updateService(services, clock, admin(), created.id, {
      ...input({ capacity: { total: 20, available: 3 } }),
      version: 1,
    });
    expect(updated).toMatchObject({
      version: 2,
      capacity: { total: 20, available: 3 },
      lastModified: '2026-03-02T08:00:00.000Z',
    });
    expect(await ownService(services, admin(), created.id)).toEqual(updated);
  });

  it('refuse a stale version (409 service-version-conflict) and keep the stored service', async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    await updateService(services, clock, admin(), created.id, { ...input(), version: 1 });
    await expect(
      updateService(services, clock, admin(), created.id, { ...input({ status: 'defunct' }), version: 1 }),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'service-version-conflict' });
    expect((await services.get(created.id))?.status).toBe('active');
  });

  it('refuse a write that lost the race between read and write, whatever the version sent', async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    services.put = async () => 'conflict';
    await expect(updateService(services, clock, admin(), created.id, { ...input(), version: 1 })).rejects.toMatchObject(
      {
        reason: 'service-version-conflict',
      },
    );
  });

  it('are deactivated (status inactive, new version); deactivating again changes nothing', async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    const inactive = await deactivateService(services, clock, admin(), created.id);
    expect(inactive).toMatchObject({ status: 'inactive', version: 2 });
    expect(await deactivateService(services, clock, admin(), created.id)).toEqual(inactive);
  });

  it("are another organisation's business: not found for its administrator, and never listed to it", async () => {
    const services = new MemoryServiceDirectory();
    const created = await createService(services, clock, admin(), input());
    const other = admin('org_espoir-kolwezi');
    for (const attempt of [
      ownService(services, other, created.id),
      updateService(services, clock, other, created.id, { ...input(), version: 1 }),
      deactivateService(services, clock, other, created.id),
      ownService(services, admin(), 'svc_0000000000000000'),
    ])
      await expect(attempt).rejects.toMatchObject({ kind: 'not-found', reason: 'service-not-found' });
    expect((await services.get(created.id))?.version).toBe(1);
    expect((await listOwnServices(services, other, undefined, 10)).items).toEqual([]);
    expect((await listOwnServices(services, admin(), undefined, 10)).items.map((s) => s.id)).toEqual([created.id]);
  });
});
