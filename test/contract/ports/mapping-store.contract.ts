import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { type MappingStore, type MappingVersion, MappingVersionTakenError } from '../../../core/mapping/ports.ts';
import { builtinMappings } from '../../../adapters/sources/index.ts';

const version = (sourceId: string, n: number, title = `v${n}`): MappingVersion => ({
  sourceId,
  version: n,
  mapping: { ...builtinMappings.csv, title },
  author: 'key:admin',
  createdAt: '2026-03-01T08:00:00.000Z',
  diff: { added: [], removed: [], changed: [], settings: ['title'] },
});

/** What mapping administration and ingestion rely on from any MappingStore. */
export function mappingStoreContract(store: () => MappingStore): void {
  it('creates each version number once: a second writer gets MappingVersionTakenError', async () => {
    const s = store();
    const sourceId = `src_c-${randomUUID().slice(0, 8)}`;
    await s.putVersion(version(sourceId, 1));
    const error = await s.putVersion(version(sourceId, 1, 'other')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingVersionTakenError);
    expect((await s.getVersion(sourceId, 1))?.mapping.title).toBe('v1');
  });

  it('reads versions back whole, the latest by number, and lists them oldest first (10 after 9)', async () => {
    const s = store();
    const sourceId = `src_c-${randomUUID().slice(0, 8)}`;
    expect(await s.latestVersion(sourceId)).toBeUndefined();
    expect(await s.listVersions(sourceId)).toEqual([]);
    for (const n of [2, 10, 1, 9]) await s.putVersion(version(sourceId, n));
    expect(await s.getVersion(sourceId, 10)).toEqual(version(sourceId, 10));
    expect(await s.getVersion(sourceId, 3)).toBeUndefined();
    expect((await s.latestVersion(sourceId))?.version).toBe(10);
    expect((await s.listVersions(sourceId)).map((v) => v.version)).toEqual([1, 2, 9, 10]);
    expect(await s.listVersions(`${sourceId}-other`)).toEqual([]);
  });

  it('activates only an existing version, stamps it, and points the source at it', async () => {
    const s = store();
    const sourceId = `src_c-${randomUUID().slice(0, 8)}`;
    await s.putVersion(version(sourceId, 1));
    await s.putVersion(version(sourceId, 2));
    const at = (n: number, when: string) => ({ sourceId, version: n, activatedAt: when, activatedBy: `key:${n}` });
    expect(await s.activate(at(3, '2026-03-02T00:00:00.000Z'))).toBe(false);
    expect(await s.getActive(sourceId)).toBeUndefined();
    expect(await s.activate(at(2, '2026-03-02T00:00:00.000Z'))).toBe(true);
    expect(await s.activate(at(1, '2026-03-03T00:00:00.000Z'))).toBe(true);
    expect(await s.getActive(sourceId)).toEqual(at(1, '2026-03-03T00:00:00.000Z'));
    expect(await s.getVersion(sourceId, 2)).toMatchObject({
      lastActivatedAt: '2026-03-02T00:00:00.000Z',
      lastActivatedBy: 'key:2',
    });
  });
}
