import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry, Identifier, Reference, Resource } from '@medplum/fhirtypes';

/**
 * Transaction Bundles that a FHIR server can take again and again: each entry is a conditional write on
 * the identifier Relais keys the resource by, so a replay creates nothing. Resources Relais owns (Patient,
 * RelatedPerson, ServiceRequest, Task, Consent) are conditional updates (`PUT Type?identifier=…`): the
 * latest export wins. Organizations are conditional creates (`POST` with `ifNoneExist`): a referral
 * knows only an organisation's id, and must not blank the name a fuller export gave it.
 */

export type KeyedResource = Resource & { identifier?: Identifier[] | Identifier };

/**
 * The entry's fullUrl, drawn from its key (a name-based UUID over system|value, version 5 layout), so the
 * same resource has the same fullUrl in every Bundle and references between entries are stable.
 */
export function fullUrlOf(key: Identifier): string {
  const hex = createHash('sha256').update(`${key.system}|${key.value}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A reference to another entry of the same Bundle. */
export const entryReference = <T extends Resource>(type: T['resourceType'], key: Identifier): Reference<T> => ({
  reference: fullUrlOf(key),
  type,
});

const searchOf = (key: Identifier) => `identifier=${encodeURIComponent(`${key.system}|${key.value}`)}`;

export interface BundleItem {
  resource: Resource;
  key: Identifier;
  /** `update` (PUT, the default) or `create-once` (POST with ifNoneExist). */
  write?: 'update' | 'create-once';
}

export function transactionBundle(items: readonly BundleItem[]): Bundle {
  const seen = new Set<string>();
  const entry: BundleEntry[] = [];
  for (const { resource, key, write = 'update' } of items) {
    const fullUrl = fullUrlOf(key);
    if (seen.has(fullUrl)) continue;
    seen.add(fullUrl);
    const type = resource.resourceType;
    entry.push({
      fullUrl,
      resource,
      request:
        write === 'update'
          ? { method: 'PUT', url: `${type}?${searchOf(key)}` }
          : { method: 'POST', url: type, ifNoneExist: searchOf(key) },
    });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry };
}
