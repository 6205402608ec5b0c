import { NAME_VARIANTS } from './name-variants.ts';

const CANONICAL = new Map<string, string>();
for (const row of NAME_VARIANTS) {
  const [first] = row;
  if (first === undefined) continue;
  for (const spelling of row) CANONICAL.set(spelling, first);
}

/** Folds a normalised token to the first spelling of its row in the variant table, or leaves it as is. */
export function canonicalSpelling(token: string): string {
  return CANONICAL.get(token) ?? token;
}
