import { describe, expect, it, vi } from 'vitest';
import { MemoryMappingStore } from '../../../../adapters/memory/mapping-store.ts';
import { builtinMappings, builtinNormaliser } from '../../../../adapters/sources/index.ts';
import { liveNormaliser } from '../../../../core/mapping/live.ts';
import { activate, createVersion } from '../../../../core/mapping/versions.ts';

const clock = { now: () => new Date('2026-03-01T08:00:00Z') };
const source = { id: 'src_ngozi', tool: 'csv' } as const;
const csv = builtinMappings.csv;

async function withVersions(titles: string[]) {
  const deps = { mappings: new MemoryMappingStore(), clock, builtinNormaliser };
  for (const title of titles)
    await createVersion(deps, { sourceId: source.id, mapping: { ...csv, title }, author: 'a' });
  return deps;
}

describe('the live mapping of a source', () => {
  it("is the tool's built-in mapping until a version is activated", async () => {
    const deps = await withVersions(['v1']);
    expect(await liveNormaliser(deps, source)).toBe(builtinNormaliser('csv'));
    expect((await liveNormaliser(deps, { id: 'src_app', tool: 'canonical' })).mappingVersion).toBe('canonical@1');
  });

  it('follows activation and rollback from the next call on', async () => {
    const deps = await withVersions(['v1', 'v2']);
    await activate(deps, { sourceId: source.id, version: 2, by: 'a' });
    expect((await liveNormaliser(deps, source)).mappingVersion).toBe('csv-default@2');
    await activate(deps, { sourceId: source.id, version: 1, by: 'a' });
    expect((await liveNormaliser(deps, source)).mappingVersion).toBe('csv-default@1');
  });

  it('reads and compiles a version once, however many requests use it', async () => {
    const deps = await withVersions(['v1']);
    await activate(deps, { sourceId: source.id, version: 1, by: 'a' });
    const reads = vi.spyOn(deps.mappings, 'getVersion');
    const first = await liveNormaliser(deps, source);
    const again = await Promise.all([1, 2, 3].map(() => liveNormaliser(deps, source)));
    expect(again.every((n) => n === first)).toBe(true);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('never shares a compiled version between two stores that use the same source id and number', async () => {
    const a = await withVersions(['from store a']);
    const b = await withVersions(['from store b']);
    await activate(a, { sourceId: source.id, version: 1, by: 'a' });
    await activate(b, { sourceId: source.id, version: 1, by: 'b' });
    const fromA = await liveNormaliser(a, source);
    const fromB = await liveNormaliser(b, source);
    expect(fromA).not.toBe(fromB);
    expect((fromB as unknown as { mapping: { title: string } }).mapping.title).toBe('from store b');
  });
});
