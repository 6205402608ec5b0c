/**
 * Tables and queues reach functions by name or URL in environment variables, one per resource spec
 * (`env`). Reads them all, or says which one is missing.
 */
export function resourcesFromEnv<K extends string>(
  specs: Readonly<Record<K, { readonly env: string }>>,
  env: NodeJS.ProcessEnv = process.env,
): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const [key, spec] of Object.entries(specs) as Array<[K, { env: string }]>) {
    const value = env[spec.env];
    if (!value) throw new Error(`${spec.env} is not set`);
    values[key] = value;
  }
  return values;
}
