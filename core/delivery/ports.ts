/**
 * Resolves a host name to the addresses a connection could reach (adapters/outbound/resolve.ts in
 * production). An IP literal resolves to itself. A name that does not resolve gives [] or throws.
 */
export interface Resolver {
  resolve(host: string): Promise<string[]>;
}
