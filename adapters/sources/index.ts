import { readFileSync } from 'node:fs';
import { type CompiledMapping, compile } from '../../core/mapping/compile.ts';
import { parseMapping } from '../../core/mapping/load.ts';
import type { Normaliser } from '../../core/ports.ts';
import type { SourceTool } from '../../schemas/canonical/codes.ts';
import type { Mapping } from '../../schemas/mapping/language.ts';
import { canonicalNormaliser } from './canonical/normaliser.ts';

export type MappedTool = Exclude<SourceTool, 'canonical'>;

export const MAPPED_TOOLS: readonly MappedTool[] = [
  'kobotoolbox',
  'kobotoolbox-referral',
  'commcare',
  'primero',
  'csv',
  'febrl',
];

/** The built-in mappings' version: bumped when a mapping.yaml here changes meaning. */
const BUILTIN_MAPPING_VERSION = 1;

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

/** The built-in mappings, compiled once when this module loads: a fixed table, not a cache. */
const compiledBuiltins: Readonly<Record<MappedTool, CompiledMapping>> = Object.freeze(
  Object.fromEntries(
    MAPPED_TOOLS.map((tool) => [tool, compile(builtinMappings[tool], { version: BUILTIN_MAPPING_VERSION })]),
  ) as Record<MappedTool, CompiledMapping>,
);

/** A tool's built-in mapping, compiled (with `run`, for preview, tests and benchmarks). */
export function builtinMapping(tool: MappedTool): CompiledMapping {
  return compiledBuiltins[tool];
}

/** What a source of this tool runs until an administrator activates a mapping version of its own. */
export function builtinNormaliser(tool: SourceTool): Normaliser {
  return tool === 'canonical' ? canonicalNormaliser : compiledBuiltins[tool];
}

/** The built-in mappings whose output is a record: what `relais match` and `relais import` can read. */
export const RECORD_TOOLS: readonly MappedTool[] = MAPPED_TOOLS.filter(
  (tool) => builtinMapping(tool).target === 'record',
);
