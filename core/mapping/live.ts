import type { Source, SourceTool } from '../../schemas/canonical/index.ts';
import type { Normaliser } from '../ports.ts';
import { type CompiledMapping, compile } from './compile.ts';
import type { MappingStore } from './ports.ts';

export interface LiveMappingDeps {
  mappings: MappingStore;
  /** The tool's built-in mapping (or the canonical passthrough): what runs until an admin activates a version. */
  builtinNormaliser(tool: SourceTool): Normaliser;
}

const MAX_VERSIONS = 200;

/**
 * Compiled versions, per store and by (source, version). A version is immutable, so it is read and
 * compiled once per process (a warm Lambda maps many batches with the same one) and never hashed again.
 * Keyed by the store as well, so that two stores (two test tables) never share a compiled version.
 */
const compiledByStore = new WeakMap<MappingStore, Map<string, Promise<CompiledMapping>>>();

function compiledVersion(mappings: MappingStore, sourceId: string, version: number): Promise<CompiledMapping> {
  let compiled = compiledByStore.get(mappings);
  if (!compiled) compiledByStore.set(mappings, (compiled = new Map()));
  const key = `${sourceId}#${version}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const pending = mappings.getVersion(sourceId, version).then((found) => {
    // Activation checks the version exists and versions are never deleted: this is corruption, not a fallback case.
    if (!found) throw new Error('the live mapping version is missing');
    return compile(found.mapping, { version: found.version });
  });
  if (compiled.size >= MAX_VERSIONS) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, pending);
  pending.catch(() => compiled.delete(key));
  return pending;
}

/**
 * The one answer to "which mapping runs for this source": its live version when an administrator
 * activated one, else its tool's built-in mapping. One read per call (the live pointer), so an
 * activation or a rollback applies to the next request.
 */
export async function liveNormaliser(deps: LiveMappingDeps, source: Pick<Source, 'id' | 'tool'>): Promise<Normaliser> {
  const active = await deps.mappings.getActive(source.id);
  if (!active) return deps.builtinNormaliser(source.tool);
  return compiledVersion(deps.mappings, source.id, active.version);
}
