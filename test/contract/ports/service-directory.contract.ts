import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ServiceDirectory } from '../../../core/services/ports.ts';
import type { Service, ServiceType } from '../../../schemas/canonical/index.ts';
import { service } from '../../fixtures/services.ts';

/** Every test uses its own organisations and ids, so that one table serves the whole suite. */
function fixtures() {
  const tag = randomUUID().replace(/-/g, '').slice(0, 10);
  let n = 0;
  const make = (overrides: Partial<Service> = {}) =>
    service({ id: `svc_${tag}${(n++).toString(16).padStart(6, '0')}`, organisationId: `org_c-${tag}-a`, ...overrides });
  return { make, orgA: `org_c-${tag}-a`, orgB: `org_c-${tag}-b` };
}

async function everyPage(
  list: (cursor: string | undefined) => Promise<{ items: Service[]; nextCursor?: string }>,
  limit: number,
) {
  const items: Service[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && ++pages < 50);
  return items;
}

/** What the service use cases rely on from any service directory. */
export function serviceDirectoryContract(directory: () => ServiceDirectory): void {
  it('creates a service once and never overwrites it', async () => {
    const { make } = fixtures();
    const d = directory();
    const s = make();
    expect(await d.create(s)).toBe('created');
    expect(await d.create({ ...s, name: { en: 'Impostor' } })).toBe('exists');
    expect(await d.get(s.id)).toEqual(s);
    expect(await d.get('svc_ffffffffffffffff')).toBeUndefined();
  });

  it('replaces a service only at the version it was read at', async () => {
    const { make } = fixtures();
    const d = directory();
    const s = make();
    await d.create(s);
    const v2 = { ...s, status: 'inactive' as const, version: 2 };
    expect(await d.put(v2, 1)).toBe('updated');
    expect(await d.put({ ...s, name: { en: 'Late writer' }, version: 2 }, 1)).toBe('conflict');
    expect(await d.get(s.id)).toEqual(v2);
    expect(await d.put(make({ version: 2 }), 1)).toBe('conflict');
  });

  it("lists an organisation's services, every one once, in pages of at most the limit", async () => {
    const { make, orgB } = fixtures();
    const d = directory();
    const mine = Array.from({ length: 5 }, () => make());
    for (const s of [...mine, make({ organisationId: orgB })]) await d.create(s);
    const listed = await everyPage((cursor) => d.listByOrganisation(mine[0]!.organisationId, cursor, 2), 2);
    expect(listed.map((s) => s.id)).toEqual(mine.map((s) => s.id).sort());
    expect((await d.listByOrganisation(orgB, undefined, 10)).items.map((s) => s.organisationId)).toEqual([orgB]);
  });

  it('lists the services of one type across organisations, whatever their status', async () => {
    const { make, orgB } = fixtures();
    const d = directory();
    // A type of its own per run keeps other tests' services out of this list.
    const type: ServiceType = 'water_sanitation';
    const before = await everyPage((cursor) => d.listByType(type, cursor, 100), 100);
    const ofType = [make({ type }), make({ type, organisationId: orgB, status: 'defunct' }), make({ type })];
    for (const s of [...ofType, make({ type: 'food' })]) await d.create(s);
    const listed = await everyPage((cursor) => d.listByType(type, cursor, 2), 2);
    expect(listed.map((s) => s.id).sort()).toEqual([...before, ...ofType].map((s) => s.id).sort());
    expect(listed.every((s) => s.type === type)).toBe(true);
  });

  it("refuses a cursor of another list: another organisation's or another type's", async () => {
    const { make, orgB } = fixtures();
    const d = directory();
    for (const s of [make(), make(), make()]) await d.create(s);
    const page = await d.listByOrganisation(make().organisationId, undefined, 1);
    expect(page.nextCursor).toBeDefined();
    await expect(d.listByOrganisation(orgB, page.nextCursor, 1)).rejects.toMatchObject({ reason: 'invalid-cursor' });
    await expect(d.listByType('education', page.nextCursor, 1)).rejects.toMatchObject({ reason: 'invalid-cursor' });
  });
}
