import type { Principal } from '../auth/api-key.ts';
import { ownSource } from '../directory/sources.ts';
import { RelaisError, invalid } from '../errors/relais-error.ts';
import type { Clock, DirectoryAdmin } from '../ports.ts';
import { parseMapping, validateMapping } from './load.ts';
import type { MappingStore } from './ports.ts';
import { coverage, preview } from './preview.ts';
import { activate, createVersion, listVersions } from './versions.ts';

export interface MappingAdminDeps {
  directory: DirectoryAdmin;
  mappings: MappingStore;
  clock: Clock;
}

const author = (p: Principal) =>
  p.credential.kind === 'api-key' ? `key:${p.credential.keyId}` : `source:${p.credential.sourceId}`;

/** Text (YAML or JSON) is parsed with line and column for every issue; an object is checked as is. */
function checkedMapping(document: unknown) {
  const checked = typeof document === 'string' ? parseMapping(document) : validateMapping(document);
  if (!checked.ok) throw invalid(checked.issues);
  return checked.mapping;
}

/** Mapping versions are administered by the organisation that owns the source, and by nobody else. */
export async function createMappingVersion(
  deps: MappingAdminDeps,
  admin: Principal,
  sourceId: string,
  document: unknown,
) {
  const source = await ownSource(deps.directory, admin, sourceId);
  const { mapping: _body, ...version } = await createVersion(deps, {
    sourceId: source.id,
    mapping: checkedMapping(document),
    author: author(admin),
  });
  return { ...version, active: false };
}

export async function listMappingVersions(deps: MappingAdminDeps, admin: Principal, sourceId: string) {
  const source = await ownSource(deps.directory, admin, sourceId);
  return { items: await listVersions(deps, source.id) };
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
  return activate(deps, { sourceId: source.id, version, by: author(admin) });
}

/** Runs a draft mapping on sample payloads; stores nothing. */
export function previewMapping(document: unknown, samples: readonly unknown[]) {
  const mapping = checkedMapping(document);
  return { samples: preview(mapping, samples), coverage: coverage(mapping, samples) };
}
