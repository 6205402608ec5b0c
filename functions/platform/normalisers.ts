import { normaliserFor } from '../../adapters/sources/index.ts';
import type { MappingStore, MappingVersion } from '../../core/mapping/ports.ts';
import type { Normaliser } from '../../core/ports.ts';
import type { Source } from '../../schemas/canonical/index.ts';

/** Versions are immutable, so a version read once is kept for the life of the container. */
const versions = new Map<string, MappingVersion>();

/**
 * The normaliser for this source: its live mapping version when an administrator activated one, else
 * its tool's built-in mapping. One read per request (the live pointer), so an activation or rollback
 * applies to the next request.
 */
export async function normaliserForSource(mappings: MappingStore, source: Source): Promise<Normaliser> {
  const active = await mappings.getActive(source.id);
  if (!active) return normaliserFor(source.tool);
  const key = `${source.id}#${active.version}`;
  let version = versions.get(key);
  if (!version) {
    version = await mappings.getVersion(source.id, active.version);
    // Activation checks the version exists and versions are never deleted: this is corruption, not a fallback case.
    if (!version) throw new Error('the live mapping version is missing');
    versions.set(key, version);
  }
  return normaliserFor({ mapping: version.mapping, version: version.version });
}
