import { describe, expect, it } from 'vitest';
import { MemoryServiceDirectory } from '../../../../adapters/memory/service-directory.ts';
import { type ServiceSearch, searchServices } from '../../../../core/services/search.ts';
import type { Service } from '../../../../schemas/canonical/index.ts';
import { service } from '../../../fixtures/services.ts';

async function directoryOf(...services: Service[]) {
  const d = new MemoryServiceDirectory();
  for (const s of services) await d.create(s);
  return d;
}

const ids = (page: { items: Service[] }) => page.items.map((s) => s.id).sort();
const search = (q: Partial<ServiceSearch> = {}): ServiceSearch => ({ status: 'active', limit: 50, ...q });

/** Every page of a search, following its cursors. */
async function everyPage(d: MemoryServiceDirectory, q: ServiceSearch) {
  const pages = [];
  let position: string | undefined;
  do {
    const page = await searchServices(d, q, position);
    pages.push(page);
    position = page.nextCursor;
  } while (position !== undefined && pages.length < 100);
  return pages;
}

describe("searching the partners' directory", () => {
  const psy = service();
  const shelter = service({
    type: 'safehouse',
    organisationId: 'org_espoir-kolwezi',
    serviceAreas: [{ country: 'CD', province: 'Lualaba', territory: 'Kolwezi' }],
    eligibility: { minimumAge: 10, maximumAge: 17, sexes: ['female'] },
  });
  const closed = service({ status: 'temporarily-closed' });
  const burundi = service({ serviceAreas: [{ country: 'BI' }] });

  it('finds active services of every organisation by default, and the status asked otherwise', async () => {
    const d = await directoryOf(psy, shelter, closed, burundi);
    expect(ids(await searchServices(d, search()))).toEqual([psy, shelter, burundi].map((s) => s.id).sort());
    expect(ids(await searchServices(d, search({ status: 'temporarily-closed' })))).toEqual([closed.id]);
  });

  it('filters by type', async () => {
    const d = await directoryOf(psy, shelter);
    expect(ids(await searchServices(d, search({ type: 'safehouse' })))).toEqual([shelter.id]);
  });

  it('filters by area: a place is found by the services whose areas cover it', async () => {
    const d = await directoryOf(psy, shelter, burundi);
    const inKolwezi = { country: 'CD', province: 'lualaba', territory: 'KOLWEZI' };
    expect(ids(await searchServices(d, search({ place: inKolwezi })))).toEqual([psy.id, shelter.id].sort());
    // The Kolwezi shelter does not cover the whole province.
    expect(ids(await searchServices(d, search({ place: { country: 'CD', province: 'Lualaba' } })))).toEqual([psy.id]);
    expect(ids(await searchServices(d, search({ place: { country: 'BI' } })))).toEqual([burundi.id]);
  });

  it('filters by age and by sex within eligibility', async () => {
    const d = await directoryOf(psy, shelter);
    expect(ids(await searchServices(d, search({ age: 8 })))).toEqual([psy.id]);
    expect(ids(await searchServices(d, search({ age: 12, sex: 'male' })))).toEqual([psy.id]);
    expect(ids(await searchServices(d, search({ age: 12, sex: 'female' })))).toEqual([psy.id, shelter.id].sort());
    expect(ids(await searchServices(d, search({ age: 18 })))).toEqual([]);
  });

  it('pages through every type, never more than the limit a page, each service once', async () => {
    const many = [
      ...Array.from({ length: 5 }, () => service()),
      ...Array.from({ length: 4 }, () => service({ type: 'education' })),
      ...Array.from({ length: 3 }, () => service({ status: 'inactive', type: 'food' })),
    ];
    const d = await directoryOf(...many);
    const pages = await everyPage(d, search({ limit: 2 }));
    for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(2);
    const found = pages.flatMap((p) => p.items.map((s) => s.id));
    expect(found.sort()).toEqual(
      many
        .filter((s) => s.status === 'active')
        .map((s) => s.id)
        .sort(),
    );
  });

  it('refuses a position it did not give', async () => {
    const d = await directoryOf(psy);
    for (const position of ['not json', '[99]', '[0, 5]', '{}'])
      await expect(searchServices(d, search(), position)).rejects.toMatchObject({ reason: 'invalid-cursor' });
  });
});
