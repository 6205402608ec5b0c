import type { z } from 'zod';
import type { ActiveMappingView, MappingDiff } from '../../schemas/api/mappings.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';

export type MappingDiff = z.output<typeof MappingDiff>;

/** One immutable version of a source's mapping. */
export interface MappingVersion {
  readonly sourceId: string;
  readonly version: number;
  readonly mapping: Mapping;
  readonly author: string;
  readonly createdAt: string;
  readonly diff: MappingDiff;
  /** Set each time the version is made live; kept so that the list shows rollbacks. */
  readonly lastActivatedAt?: string;
  readonly lastActivatedBy?: string;
}

/** Which version of a source's mapping is live, since when and by whom. */
export type ActiveMapping = z.output<typeof ActiveMappingView>;

/** Thrown by MappingStore.putVersion when another writer took the number first. */
export class MappingVersionTakenError extends Error {
  constructor(
    readonly sourceId: string,
    readonly version: number,
  ) {
    super(`mapping version ${version} of ${sourceId} already exists`);
    this.name = 'MappingVersionTakenError';
  }
}

/**
 * Versions are never overwritten: putVersion is a conditional create, so two concurrent creates cannot
 * take the same number. Activation points the source at one existing version.
 */
export interface MappingStore {
  putVersion(version: MappingVersion): Promise<void>;
  getVersion(sourceId: string, version: number): Promise<MappingVersion | undefined>;
  latestVersion(sourceId: string): Promise<MappingVersion | undefined>;
  /** Oldest first. */
  listVersions(sourceId: string): Promise<MappingVersion[]>;
  /** Records the activation on the version and makes it live; false when the version does not exist. */
  activate(active: ActiveMapping): Promise<boolean>;
  getActive(sourceId: string): Promise<ActiveMapping | undefined>;
}
