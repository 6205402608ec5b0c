import { describe, expect, it } from 'vitest';
import { MemoryMappingStore } from '../../../../adapters/memory/mapping-store.ts';
import { builtinMappings } from '../../../../adapters/sources/index.ts';
import { activate, createVersion, listVersions } from '../../../../core/mapping/versions.ts';
import { RelaisError } from '../../../../core/errors/relais-error.ts';

const setup = () => {
  let tick = 0;
  return { mappings: new MemoryMappingStore(), clock: { now: () => new Date(Date.UTC(2026, 2, 1, 8, 0, tick++)) } };
};
const csv = builtinMappings.csv;

describe('mapping versions', () => {
  it('numbers versions from 1 with author, date and a diff against the previous one', async () => {
    const deps = setup();
    const { version: v1 } = await createVersion(deps, { sourceId: 'src_ngozi', mapping: csv, author: 'key_admin01' });
    expect(v1).toMatchObject({ version: 1, author: 'key_admin01', createdAt: '2026-03-01T08:00:00.000Z' });
    expect(v1.diff.added).toEqual(Object.keys(csv.fields));

    const next = structuredClone(csv);
    delete next.fields['/case/caseWorkerCode'];
    next.fields['/person/name/nickname'] = { from: 'surnom' };
    next.fields['/person/location/country'] = { value: 'CD' };
    next.title = 'Tableur RDC';
    const { version: v2 } = await createVersion(deps, { sourceId: 'src_ngozi', mapping: next, author: 'key_admin02' });
    expect(v2).toMatchObject({
      version: 2,
      diff: {
        added: ['/person/name/nickname'],
        removed: ['/case/caseWorkerCode'],
        changed: ['/person/location/country'],
        settings: ['title'],
      },
    });
  });

  it('refuses an invalid mapping with pointers into the submitted document, and stores nothing', async () => {
    const deps = setup();
    const bad = { ...csv, fields: { ...csv.fields, '/person/name/given': { from: 'prenom', transforms: ['shout'] } } };
    const error = await createVersion(deps, { sourceId: 'src_ngozi', mapping: bad, author: 'a' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RelaisError);
    expect(error).toMatchObject({
      kind: 'validation',
      issues: [{ pointer: '/fields/~1person~1name~1given/transforms/0', code: 'mapping.unknown-transform' }],
    });
    expect(await listVersions(deps, 'src_ngozi')).toEqual([]);
  });

  it('gives concurrent creates distinct consecutive numbers', async () => {
    const deps = setup();
    const created = await Promise.all(
      [1, 2, 3].map((i) =>
        createVersion(deps, { sourceId: 'src_x', mapping: { ...csv, title: `t${i}` }, author: `a${i}` }),
      ),
    );
    expect(created.map((c) => c.version.version).sort()).toEqual([1, 2, 3]);
  });

  it('activates version 2, rolls back to version 1, and the list shows which is live', async () => {
    const deps = setup();
    await createVersion(deps, { sourceId: 'src_ngozi', mapping: csv, author: 'alice' });
    await createVersion(deps, { sourceId: 'src_ngozi', mapping: { ...csv, title: 'v2' }, author: 'bob' });
    expect(await deps.mappings.getActive('src_ngozi')).toBeUndefined();

    await activate(deps, { sourceId: 'src_ngozi', version: 2, by: 'bob' });
    expect((await listVersions(deps, 'src_ngozi')).map((v) => [v.version, v.active])).toEqual([
      [1, false],
      [2, true],
    ]);

    await activate(deps, { sourceId: 'src_ngozi', version: 1, by: 'alice' });
    const list = await listVersions(deps, 'src_ngozi');
    expect(list.map((v) => [v.version, v.active, v.lastActivatedBy])).toEqual([
      [1, true, 'alice'],
      [2, false, 'bob'],
    ]);
    expect((await deps.mappings.getActive('src_ngozi'))?.version).toBe(1);
  });

  it('stores an identical mapping once: the same content again returns the stored version, created false', async () => {
    const deps = setup();
    await createVersion(deps, { sourceId: 'src_ngozi', mapping: csv, author: 'alice' });
    await createVersion(deps, { sourceId: 'src_ngozi', mapping: { ...csv, title: 'v2' }, author: 'bob' });
    // Same content with its keys in another order: the same mapping.
    const reordered = Object.fromEntries(Object.entries(structuredClone(csv)).reverse());
    const again = await createVersion(deps, { sourceId: 'src_ngozi', mapping: reordered, author: 'carol' });
    expect(again).toMatchObject({ created: false, version: { version: 1, author: 'alice' } });
    expect((await listVersions(deps, 'src_ngozi')).map((v) => v.version)).toEqual([1, 2]);
    // Another source's identical mapping is its own first version.
    expect(await createVersion(deps, { sourceId: 'src_other', mapping: csv, author: 'dan' })).toMatchObject({
      created: true,
      version: { version: 1 },
    });
  });

  it('answers not found for a version that does not exist', async () => {
    const deps = setup();
    await expect(activate(deps, { sourceId: 'src_none', version: 1, by: 'a' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
