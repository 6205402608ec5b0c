import type { Mapping } from '../../schemas/mapping/language.ts';
import { contentHash } from '../records/content-hash.ts';
import { type CompiledMapping, compile } from './compile.ts';

const MAX_ENTRIES = 200;
const cache = new Map<string, CompiledMapping>();

/**
 * Compiles a mapping version once per process (a warm Lambda maps many batches with the same one).
 * The key includes the content hash, so two sources that reuse a version number never share code.
 */
export function compileCached(mapping: Mapping, version: string | number): CompiledMapping {
  const key = `${mapping.id}@${version}#${contentHash(mapping)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compile(mapping, { version });
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}
