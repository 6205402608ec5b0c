import type { Mapping } from '../../schemas/mapping/language.ts';
import { type PayloadIssue, checkMapped } from '../records/normalise-record.ts';
import { type CompiledMapping, type MappingRecordIssue, type MappingRun, compile } from './compile.ts';
import { payloadLeafPaths, pathCovers } from './source-path.ts';
import { listTargetLeaves, targetSchemaOf } from './targets.ts';

/** An error about one sample: a mapping error, or a canonical validation error with its target field. */
type PreviewIssue = PayloadIssue & Partial<Pick<MappingRecordIssue, 'rule'>>;

/** A run of the mapping on one sample (`ok` here also requires a valid canonical record), for a person to read. */
export interface SamplePreview extends Pick<MappingRun, 'ok' | 'skipped' | 'origins' | 'warnings' | 'otherValues'> {
  readonly index: number;
  /** The canonical output, when mapping succeeded (even if it then fails validation). */
  readonly output?: unknown;
  readonly errors: readonly PreviewIssue[];
  /** Source fields present in the sample that the mapping neither reads nor ignores, in path notation. */
  readonly unmappedSourceFields: readonly string[];
}

interface CoverageReport {
  readonly samples: number;
  /** Source fields seen in the samples and never read, with the number of samples that had them. */
  readonly unusedSourceFields: ReadonlyArray<{ path: string; samples: number }>;
  /** Fields the mapping targets that no sample filled. */
  readonly unfilledTargets: readonly string[];
  /** Canonical fields the mapping does not target at all. */
  readonly unmappedTargets: readonly string[];
}

const compiled = (mapping: Mapping | CompiledMapping): CompiledMapping =>
  'run' in mapping ? mapping : compile(mapping);

function unmappedFields(mapping: CompiledMapping, sample: unknown): string[] {
  const found = new Set<string>();
  for (const leaf of payloadLeafPaths(sample)) {
    if (!mapping.readPaths.some((path) => pathCovers(path, leaf.segments))) found.add(leaf.text);
  }
  return [...found];
}

function valueAt(record: unknown, pointer: string): unknown {
  let current = record;
  for (const seg of pointer.slice(1).split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[seg];
  }
  return current;
}

/**
 * Runs a mapping over sample payloads without storing anything: per sample the canonical output, the
 * mapping's errors and warnings, the canonical validation errors pointed back at the partner's fields,
 * and the source fields left unmapped. Throws InvalidMappingError if the mapping itself is invalid.
 */
export function preview(mapping: Mapping | CompiledMapping, samples: readonly unknown[]): SamplePreview[] {
  const m = compiled(mapping);
  return samples.map((sample, index) => {
    const run = m.run(sample);
    const errors: PreviewIssue[] = [...run.issues];
    // The output is checked as ingestion checks it (a record, or a referral request), so that a sample
    // previewed ok is one ingestion accepts.
    if (run.ok) {
      const checked = checkMapped(targetSchemaOf(m.mapping), { ok: true, record: run.record, origins: run.origins });
      if (!checked.ok) errors.push(...checked.issues);
    }
    return {
      index,
      ok: run.ok && errors.length === 0,
      skipped: run.skipped,
      ...(run.record === undefined ? {} : { output: run.record }),
      origins: run.origins,
      errors,
      warnings: run.warnings,
      otherValues: run.otherValues,
      unmappedSourceFields: unmappedFields(m, sample),
    };
  });
}

/** Which source fields the samples carry that the mapping never reads, and which targets stay empty. */
export function coverage(mapping: Mapping | CompiledMapping, samples: readonly unknown[]): CoverageReport {
  const m = compiled(mapping);
  // /person/caregivers/1/phone fills the same canonical field as /person/caregivers/0/phone.
  const patterns = m.targets.map((t) => t.replace(/\/\d+(?=\/|$)/g, '/0'));
  const unused = new Map<string, number>();
  const filled = new Set<string>();
  for (const sample of samples) {
    for (const path of unmappedFields(m, sample)) unused.set(path, (unused.get(path) ?? 0) + 1);
    const record = m.run(sample).record;
    for (const target of m.targets)
      if (record !== undefined && valueAt(record, target) !== undefined) filled.add(target);
  }
  return {
    samples: samples.length,
    unusedSourceFields: [...unused.entries()]
      .map(([path, count]) => ({ path, samples: count }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    unfilledTargets: m.targets.filter((t) => !filled.has(t)),
    unmappedTargets: listTargetLeaves(targetSchemaOf(m.mapping)).filter(
      (leaf) => !patterns.some((t) => leaf === t || leaf.startsWith(t + '/')),
    ),
  };
}
