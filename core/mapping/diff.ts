import type { Mapping } from '../../schemas/mapping/language.ts';
import { canonicalJson } from '../records/content-hash.ts';
import type { MappingDiff } from './ports.ts';

const SETTINGS = ['id', 'tool', 'title', 'description', 'skip', 'ignore'] as const;

/** A summary an administrator can read in the version list: which targets appeared, went, or changed. */
export function diffMappings(previous: Mapping | undefined, next: Mapping): MappingDiff {
  const before = previous?.fields ?? {};
  const after = next.fields;
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  return {
    added: Object.keys(after).filter((t) => !(t in before)),
    removed: Object.keys(before).filter((t) => !(t in after)),
    changed: Object.keys(after).filter((t) => t in before && !same(before[t], after[t])),
    settings: previous ? SETTINGS.filter((s) => !same(previous[s], next[s])) : [],
  };
}
