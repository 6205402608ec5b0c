import { readFileSync } from 'node:fs';
import { compileCached } from '../../core/mapping/cache.ts';
import type { CompiledMapping } from '../../core/mapping/compile.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import type { MappingStore } from '../../core/mapping/ports.ts';
import { activeNormaliser } from '../../core/mapping/versions.ts';
import type { Normaliser } from '../../core/ports.ts';
import type { z } from 'zod';
import type { SourceTool as SourceToolSchema } from '../../schemas/canonical/codes.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';
import { canonicalNormaliser } from './canonical/normaliser.ts';

type SourceTool = z.infer<typeof SourceToolSchema>;
export type MappedTool = Exclude<SourceTool, 'canonical'>;

export const MAPPED_TOOLS: readonly MappedTool[] = ['kobotoolbox', 'commcare', 'primero', 'csv', 'febrl'];

/** The built-in mappings' version: bumped when a mapping.yaml here changes meaning. */
export const BUILTIN_MAPPING_VERSION = 1;

export function builtinMappingPath(tool: MappedTool): URL {
  return new URL(`./${tool}/mapping.yaml`, import.meta.url);
}

function loadBuiltin(tool: MappedTool): Mapping {
  const checked = parseMapping(readFileSync(builtinMappingPath(tool), 'utf8'));
  if (!checked.ok)
    throw new Error(
      `built-in mapping ${tool} is invalid: ${checked.issues.map((i) => `${i.line}:${i.column} ${i.message.en}`).join('; ')}`,
    );
  return checked.mapping;
}

/** Each tool's default mapping, parsed and checked once when this module loads. */
export const builtinMappings: Readonly<Record<MappedTool, Mapping>> = Object.freeze(
  Object.fromEntries(MAPPED_TOOLS.map((tool) => [tool, loadBuiltin(tool)])) as Record<MappedTool, Mapping>,
);

/**
 * The normaliser for a tool's built-in mapping, for the canonical passthrough, or for a given mapping
 * (a source's live version from the mapping store). Compiled mappings are cached per version.
 */
export function normaliserFor(
  source: SourceTool | { mapping: Mapping; version: number | string },
): Normaliser & Partial<Pick<CompiledMapping, 'run'>> {
  if (source === 'canonical') return canonicalNormaliser;
  if (typeof source === 'string') return compileCached(builtinMappings[source], BUILTIN_MAPPING_VERSION);
  return compileCached(source.mapping, source.version);
}

/** What ingestion should use for a source: its live mapping version if an admin activated one, else the built-in. */
export async function liveNormaliserFor(
  mappings: MappingStore,
  source: { id: string; tool: SourceTool },
): Promise<Normaliser> {
  return (await activeNormaliser({ mappings }, source.id)) ?? normaliserFor(source.tool);
}
