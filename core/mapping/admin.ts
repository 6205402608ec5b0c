import { actorOf, type Principal } from '../access/principal.ts';
import { ownSource } from '../directory/sources.ts';
import { RelaisError, invalid } from '../errors/relais-error.ts';
import type { Clock, DirectoryAdmin } from '../ports.ts';
import type { LiveMappingDeps } from './live.ts';
import { parseMapping, validateMapping } from './load.ts';
import { coverage, preview } from './preview.ts';
import { activate, createVersion, listVersions } from './versions.ts';

interface MappingAdminDeps extends LiveMappingDeps {
  directory: DirectoryAdmin;
  clock: Clock;
}

/** Text (YAML or JSON) is parsed with line and column for every issue; an object is checked as is. */
function checkedMapping(document: unknown) {
  const checked = typeof document === 'string' ? parseMapping(document) : validateMapping(document);
  if (!checked.ok) throw invalid(checked.issues);
  return checked.mapping;
}

/**
 * Mapping versions are administered by the organisation that owns the source, and by nobody else.
 * `created` is false when an identical version was already stored: that one is returned.
 */
export async function createMappingVersion(
  deps: MappingAdminDeps,
  admin: Principal,
  sourceId: string,
  document: unknown,
) {
  const source = await ownSource(deps.directory, admin, sourceId);
  const { version, created } = await createVersion(deps, {
    sourceId: source.id,
    mapping: checkedMapping(document),
    author: actorOf(admin),
  });
  const { mapping: _body, ...summary } = version;
  const active = created ? undefined : await deps.mappings.getActive(source.id);
  return { created, version: { ...summary, active: active?.version === version.version } };
}

/**
 * The stored versions, and the tool's built-in mapping, which is live until a version is activated
 * (there is no way back to it after that: an administrator activates a stored version instead).
 */
export async function listMappingVersions(deps: MappingAdminDeps, admin: Principal, sourceId: string) {
  const source = await ownSource(deps.directory, admin, sourceId);
  const items = await listVersions(deps, source.id);
  const builtin = deps.builtinNormaliser(source.tool);
  return {
    items,
    builtin: {
      tool: source.tool,
      mappingVersion: builtin.mappingVersion,
      active: !items.some((v) => v.active),
      // The canonical passthrough is code, not a mapping: nothing to start an editor from.
      ...('mapping' in builtin ? { mapping: builtin.mapping } : {}),
    },
  };
}

export async function getMappingVersion(deps: MappingAdminDeps, admin: Principal, sourceId: string, version: number) {
  const source = await ownSource(deps.directory, admin, sourceId);
  const [found, active] = await Promise.all([
    deps.mappings.getVersion(source.id, version),
    deps.mappings.getActive(source.id),
  ]);
  if (!found) throw new RelaisError('not-found', 'mapping-version-not-found');
  return { ...found, active: active?.version === found.version };
}

export async function activateMappingVersion(
  deps: MappingAdminDeps,
  admin: Principal,
  sourceId: string,
  version: number,
) {
  const source = await ownSource(deps.directory, admin, sourceId);
  return activate(deps, { sourceId: source.id, version, by: actorOf(admin) });
}

/** Runs a draft mapping on sample payloads; stores nothing. */
export function previewMapping(document: unknown, samples: readonly unknown[]) {
  const mapping = checkedMapping(document);
  return { samples: preview(mapping, samples), coverage: coverage(mapping, samples) };
}
