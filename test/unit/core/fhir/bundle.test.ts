import type { Bundle, Identifier } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { bundleForPerson, bundleForReferral } from '../../../../core/fhir/index.ts';
import { fixturePersons, fixtureReferralViews } from '../../../fixtures/fhir/exports.ts';

const bundles = (): Array<[string, Bundle]> => [
  ...fixturePersons().map((p) => [`person ${p.personId}`, bundleForPerson(p)] as [string, Bundle]),
  ...fixtureReferralViews().map(
    (v) => [`referral ${v.id} (${v.yourSide}, ${v.status})`, bundleForReferral(v)] as [string, Bundle],
  ),
];

/** Every `reference` string anywhere in a resource. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
  );
}

describe('FHIR transaction Bundles', () => {
  it.each(bundles())('%s: every entry is a conditional write on one of its own identifiers', (_, bundle) => {
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    for (const entry of bundle.entry!) {
      const resource = entry.resource as { resourceType: string; identifier?: Identifier[] };
      const keys = (resource.identifier ?? []).map((i) => `identifier=${encodeURIComponent(`${i.system}|${i.value}`)}`);
      if (resource.resourceType === 'Organization') {
        expect(entry.request).toMatchObject({ method: 'POST', url: 'Organization' });
        expect(keys).toContain(entry.request!.ifNoneExist);
      } else {
        expect(entry.request!.method).toBe('PUT');
        const [type, query] = entry.request!.url.split('?');
        expect(type).toBe(resource.resourceType);
        expect(keys).toContain(query);
      }
    }
  });

  it.each(bundles())('%s: fullUrls are unique UUIDs and every reference to an entry resolves', (_, bundle) => {
    const urls = bundle.entry!.map((e) => e.fullUrl!);
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls)
      expect(url).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const entry of bundle.entry!) {
      for (const ref of referencesIn(entry.resource)) {
        if (ref.startsWith('#')) continue;
        expect(urls).toContain(ref);
      }
    }
  });

  it('is the same Bundle every time for the same input, so a replay writes the same resources', () => {
    const persons = fixturePersons();
    const views = fixtureReferralViews();
    const all = () => [...persons.map((p) => bundleForPerson(p)), ...views.map((v) => bundleForReferral(v))];
    expect(all()).toEqual(all());
  });
});
