import {
  type ActiveMapping,
  type MappingStore,
  type MappingVersion,
  MappingVersionTakenError,
} from '../../core/mapping/ports.ts';

/** In-process MappingStore with the same create-once rule as the DynamoDB one, for unit tests and the CLI. */
export class MemoryMappingStore implements MappingStore {
  private readonly versions = new Map<string, MappingVersion[]>();
  private readonly active = new Map<string, ActiveMapping>();

  async putVersion(version: MappingVersion): Promise<void> {
    const list = this.versions.get(version.sourceId) ?? [];
    if (list.some((v) => v.version === version.version))
      throw new MappingVersionTakenError(version.sourceId, version.version);
    this.versions.set(
      version.sourceId,
      [...list, structuredClone(version)].sort((a, b) => a.version - b.version),
    );
  }

  async getVersion(sourceId: string, version: number): Promise<MappingVersion | undefined> {
    const found = this.versions.get(sourceId)?.find((v) => v.version === version);
    return found && structuredClone(found);
  }

  async latestVersion(sourceId: string): Promise<MappingVersion | undefined> {
    const list = this.versions.get(sourceId) ?? [];
    return list.length > 0 ? structuredClone(list[list.length - 1]) : undefined;
  }

  async listVersions(sourceId: string): Promise<MappingVersion[]> {
    return structuredClone(this.versions.get(sourceId) ?? []);
  }

  async activate(active: ActiveMapping): Promise<boolean> {
    const list = this.versions.get(active.sourceId) ?? [];
    const index = list.findIndex((v) => v.version === active.version);
    if (index === -1) return false;
    list[index] = { ...list[index]!, lastActivatedAt: active.activatedAt, lastActivatedBy: active.activatedBy };
    this.active.set(active.sourceId, { ...active });
    return true;
  }

  async getActive(sourceId: string): Promise<ActiveMapping | undefined> {
    const found = this.active.get(sourceId);
    return found && { ...found };
  }
}
