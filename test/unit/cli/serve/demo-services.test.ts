import { describe, expect, it } from 'vitest';
import { MemoryServiceDirectory } from '../../../../adapters/memory/service-directory.ts';
import { demoServices, seedDemoServices } from '../../../../cli/serve/demo.ts';
import { routeReferral } from '../../../../core/services/routing.ts';
import { Service } from '../../../../schemas/canonical/index.ts';

const everything = async (d: MemoryServiceDirectory, organisationId: string) =>
  (await d.listByOrganisation(organisationId, undefined, 100)).items;

describe('the demo service directory', () => {
  it('is valid, with ids in the shape Relais draws', () => {
    for (const service of demoServices()) {
      expect(Service.safeParse(service).success, service.id).toBe(true);
      expect(service.id).toMatch(/^svc_[0-9a-f]{16}$/);
    }
  });

  it('seeds the same services on every start: seeding twice creates nothing new and keeps edits', async () => {
    const d = new MemoryServiceDirectory();
    await seedDemoServices(d);
    const first = [...(await everything(d, 'org_divas-lualaba')), ...(await everything(d, 'org_espoir-kolwezi'))];
    expect(first).toHaveLength(5);
    const edited = { ...first[0]!, status: 'temporarily-closed' as const, version: 2 };
    await d.put(edited, 1);
    await seedDemoServices(d);
    const second = [...(await everything(d, 'org_divas-lualaba')), ...(await everything(d, 'org_espoir-kolwezi'))];
    expect(second).toHaveLength(5);
    expect(second.find((s) => s.id === edited.id)).toEqual(edited);
  });

  it('routes the children of Kolwezi as the demo tells: a girl of 12 to the shelter, a boy to no shelter', () => {
    const kolwezi = { country: 'CD', province: 'Lualaba', territory: 'Kolwezi', locality: 'Kasulo' };
    const shelter = routeReferral(
      demoServices(),
      { serviceType: 'safehouse', child: { location: kolwezi, ageYears: 12, sex: 'female' } },
      'only',
    );
    expect(shelter).toMatchObject({ organisationId: 'org_espoir-kolwezi', capacity: { available: 3 } });
    expect(() =>
      routeReferral(
        demoServices(),
        { serviceType: 'safehouse', child: { location: kolwezi, ageYears: 12, sex: 'male' } },
        'only',
      ),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/child/sex' })] }));
    const lubudi = { country: 'CD', province: 'Lualaba', territory: 'Lubudi' };
    expect(
      routeReferral(demoServices(), { serviceType: 'psychosocial', child: { location: lubudi, sex: 'male' } }, 'only'),
    ).toMatchObject({ organisationId: 'org_divas-lualaba' });
    expect(() =>
      routeReferral(
        demoServices(),
        { serviceType: 'legal_assistance', child: { location: lubudi, sex: 'male' } },
        'only',
      ),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ pointer: '/child/location' })] }));
  });
});
