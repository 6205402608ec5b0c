import type { z } from 'zod';
import type { MappingVersionSummary } from '../../schemas/api/mappings.ts';
import { RelaisError, invalid } from '../errors/relais-error.ts';
import type { Clock } from '../ports.ts';
import { canonicalJson } from '../records/content-hash.ts';
import { diffMappings } from './diff.ts';
import { validateMapping } from './load.ts';
import { type ActiveMapping, type MappingStore, type MappingVersion, MappingVersionTakenError } from './ports.ts';

interface MappingVersionDeps {
  mappings: MappingStore;
  clock: Clock;
}

const CREATE_ATTEMPTS = 5;

/**
 * Stores a new immutable version numbered after the latest. The mapping is checked first (422 with
 * pointers into the submitted document if invalid). A mapping identical to a stored version is not
 * stored again: that version comes back with `created: false`, so that a script can upload and then
 * activate the number it gets, however often it runs. When another admin creates a version at the same
 * moment, the conditional write fails and the next number is tried (MappingVersionTakenError after
 * repeated contention).
 */
export async function createVersion(
  deps: MappingVersionDeps,
  input: { sourceId: string; mapping: unknown; author: string },
): Promise<{ version: MappingVersion; created: boolean }> {
  const checked = validateMapping(input.mapping);
  if (!checked.ok) throw invalid(checked.issues);
  const text = canonicalJson(checked.mapping);
  const same = (await deps.mappings.listVersions(input.sourceId)).find((v) => canonicalJson(v.mapping) === text);
  if (same) return { version: same, created: false };
  for (let attempt = 1; ; attempt++) {
    const latest = await deps.mappings.latestVersion(input.sourceId);
    const version: MappingVersion = {
      sourceId: input.sourceId,
      version: (latest?.version ?? 0) + 1,
      mapping: checked.mapping,
      author: input.author,
      createdAt: deps.clock.now().toISOString(),
      diff: diffMappings(latest?.mapping, checked.mapping),
    };
    try {
      await deps.mappings.putVersion(version);
      return { version, created: true };
    } catch (error) {
      if (!(error instanceof MappingVersionTakenError) || attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}

export async function listVersions(
  deps: Pick<MappingVersionDeps, 'mappings'>,
  sourceId: string,
): Promise<Array<z.output<typeof MappingVersionSummary>>> {
  const [versions, active] = await Promise.all([
    deps.mappings.listVersions(sourceId),
    deps.mappings.getActive(sourceId),
  ]);
  return versions.map(({ mapping: _mapping, ...rest }) => ({ ...rest, active: rest.version === active?.version }));
}

/** Makes a version live (forward or back: a rollback is activating an older one). 404 if it does not exist. */
export async function activate(
  deps: MappingVersionDeps,
  input: { sourceId: string; version: number; by: string },
): Promise<ActiveMapping> {
  const active: ActiveMapping = {
    sourceId: input.sourceId,
    version: input.version,
    activatedAt: deps.clock.now().toISOString(),
    activatedBy: input.by,
  };
  if (!(await deps.mappings.activate(active))) {
    throw new RelaisError('not-found', 'mapping-version-not-found', [
      {
        pointer: '/version',
        code: 'mapping.version-not-found',
        message: { en: 'No such mapping version', fr: "Cette version de correspondance n'existe pas" },
      },
    ]);
  }
  return active;
}
