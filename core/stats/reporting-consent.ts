import type { MappingStore } from '../mapping/ports.ts';
import type { Source, SourceTool } from '../../schemas/canonical/index.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';

/** The canonical field a mapping fills when its tool asks the child or caregiver about reporting. */
export const REPORTING_CONSENT = '/case/consent/reporting';

export interface ReportingConsentDeps {
  directory: { getSource(id: string): Promise<Pick<Source, 'id' | 'tool'> | undefined> };
  mappings: Pick<MappingStore, 'getActive' | 'getVersion'>;
  /** The tool's built-in mapping; undefined for the canonical passthrough, which asks nothing of its own. */
  builtinMapping(tool: SourceTool): Pick<Mapping, 'fields'> | undefined;
}

/** Versions are immutable: whether one asks is decided once per process (keyed by store, like live.ts). */
const byVersion = new WeakMap<object, Map<string, boolean>>();

export const asksReportingConsent = (mapping: Pick<Mapping, 'fields'>): boolean =>
  Object.hasOwn(mapping.fields, REPORTING_CONSENT);

/**
 * Whether each source's live mapping asks for reporting consent (facts.ts `reportable` says why it
 * matters), answered once per source for the returned function's life: one refresh, so an activation
 * applies to the next one. A source that no longer exists asks nothing: its records keep the answer
 * they carry, or count as a tool that never asks.
 */
export function reportingConsentOf(deps: ReportingConsentDeps): (sourceId: string) => Promise<boolean> {
  const perSource = new Map<string, Promise<boolean>>();
  let versions = byVersion.get(deps.mappings);
  if (!versions) byVersion.set(deps.mappings, (versions = new Map()));
  const cache = versions;
  const decide = async (sourceId: string): Promise<boolean> => {
    const active = await deps.mappings.getActive(sourceId);
    if (active) {
      const key = `${sourceId}#${active.version}`;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const version = await deps.mappings.getVersion(sourceId, active.version);
      if (!version) throw new Error('the live mapping version is missing');
      const asks = asksReportingConsent(version.mapping);
      cache.set(key, asks);
      return asks;
    }
    const source = await deps.directory.getSource(sourceId);
    const builtin = source && deps.builtinMapping(source.tool);
    return builtin ? asksReportingConsent(builtin) : false;
  };
  return (sourceId) => {
    let answer = perSource.get(sourceId);
    if (!answer) perSource.set(sourceId, (answer = decide(sourceId)));
    return answer;
  };
}
