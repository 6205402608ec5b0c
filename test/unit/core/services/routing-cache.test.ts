import { describe, expect, it } from 'vitest';
import { MemoryServiceDirectory } from '../../../../adapters/memory/service-directory.ts';
import { ROUTING_CACHE_SECONDS, cachedRouting } from '../../../../core/services/routing-cache.ts';
import type { Service } from '../../../../schemas/canonical/index.ts';

const service = (id: string, organisationId: string, overrides: Partial<Service> = {}): Service =>
  ({
    id,
    organisationId,
    name: { fr: 'Appui psychosocial', en: 'Psychosocial support' },
    type: 'psychosocial',
    status: 'active',
    eligibility: {},
    languages: ['fra'],
    serviceAreas: [{ country: 'CD', province: 'Lualaba' }],
    focalPoint: { role: 'Chargé de protection' },
    lastModified: '2026-12-01T09:00:00.000Z',
    version: 1,
    ...overrides,
  }) as Service;

function setup() {
  const store = new MemoryServiceDirectory();
  let reads = 0;
  for (const method of ['get', 'listByType'] as const) {
    const original = store[method].bind(store) as (...args: never[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[method] = (...args: never[]) => (reads++, original(...args));
  }
  let now = new Date('2026-12-01T10:00:00.000Z');
  const { directory, routing } = cachedRouting(store, { now: () => now });
  return {
    store,
    directory,
    routing,
    reads: () => reads,
    advance: (s: number) => (now = new Date(now.getTime() + s * 1000)),
  };
}

const ids = (page: { items: Service[] }) => page.items.map((s) => s.id);

describe('the directory as referrals read it', () => {
  it('lists the services of a type once within the lag, and sees another function’s change after it', async () => {
    const { store, routing, reads, advance } = setup();
    await store.create(service('svc_a', 'org_divas'));
    expect(ids(await routing.listByType('psychosocial', undefined, 100))).toEqual(['svc_a']);
    // Written by another function (on AWS, the admin route's Lambda): not through this directory.
    await store.create(service('svc_b', 'org_espoir'));
    expect(ids(await routing.listByType('psychosocial', undefined, 100))).toEqual(['svc_a']);
    expect(reads()).toBe(1);
    advance(ROUTING_CACHE_SECONDS);
    expect(ids(await routing.listByType('psychosocial', undefined, 100))).toEqual(['svc_a', 'svc_b']);
    expect(reads()).toBe(2);
  });

  it('sees at once a service created, updated or deactivated through its directory', async () => {
    const { directory, routing } = setup();
    await routing.listByType('psychosocial', undefined, 100);
    await directory.create(service('svc_a', 'org_divas'));
    expect(ids(await routing.listByType('psychosocial', undefined, 100))).toEqual(['svc_a']);
    expect((await routing.get('svc_a'))?.status).toBe('active');
    await directory.put(service('svc_a', 'org_divas', { status: 'inactive', version: 2 }), 1);
    expect((await routing.listByType('psychosocial', undefined, 100)).items[0]?.status).toBe('inactive');
    expect((await routing.get('svc_a'))?.status).toBe('inactive');
  });

  it('keeps each page and each type apart', async () => {
    const { store, routing } = setup();
    await store.create(service('svc_a', 'org_divas'));
    await store.create(service('svc_b', 'org_divas'));
    await store.create(service('svc_m', 'org_divas', { type: 'health_medical' }));
    const first = await routing.listByType('psychosocial', undefined, 1);
    expect(ids(first)).toEqual(['svc_a']);
    expect(ids(await routing.listByType('psychosocial', first.nextCursor, 1))).toEqual(['svc_b']);
    expect(ids(await routing.listByType('health_medical', undefined, 100))).toEqual(['svc_m']);
  });

  it('never serves the directory’s own reads from the copy: an administrator sees what is stored', async () => {
    const { store, directory, routing } = setup();
    await store.create(service('svc_a', 'org_divas'));
    await routing.get('svc_a');
    await routing.listByType('psychosocial', undefined, 100);
    await store.put(service('svc_a', 'org_divas', { status: 'inactive', version: 2 }), 1);
    expect((await directory.get('svc_a'))?.version).toBe(2);
    expect((await directory.listByType('psychosocial', undefined, 100)).items[0]?.version).toBe(2);
    expect((await directory.listByOrganisation('org_divas', undefined, 100)).items[0]?.version).toBe(2);
  });
});
