import { expect, it } from 'vitest';
import type { FhirEndpointStore } from '../../../core/fhir/endpoints.ts';
import type { FhirPullCursor } from '../../../schemas/fhir/sync.ts';

/** What every FhirEndpointStore must do, whatever holds it. */
export function fhirEndpointStoreContract(make: () => FhirEndpointStore) {
  it('keeps one endpoint per organisation with its secret, replaced whole', async () => {
    const store = make();
    const org = `org_fh-${crypto.randomUUID().slice(0, 8)}`;
    expect(await store.get(org)).toBeUndefined();
    const endpoint = {
      organisationId: org,
      baseUrl: 'https://fhir.example.org/R4',
      auth: { kind: 'client-credentials', tokenUrl: 'https://auth.example.org/token', clientId: 'relais' },
      configuredAt: '2026-12-01T10:00:00.000Z',
    } as const;
    await store.put(endpoint, 'client-secret');
    expect(await store.get(org)).toEqual({ endpoint, secret: 'client-secret' });
    const bare = { ...endpoint, auth: { kind: 'none' as const }, configuredAt: '2026-12-01T11:00:00.000Z' };
    await store.put(bare);
    expect(await store.get(org)).toEqual({ endpoint: bare });
  });

  it('moves a pull cursor only from the one it was read as, per organisation and resource type', async () => {
    const store = make();
    const org = `org_fc-${crypto.randomUUID().slice(0, 8)}`;
    const first: FhirPullCursor = { resourceType: 'Task', since: '2026-12-01T10:00:00.000Z', seenAtSince: ['t1/1'] };
    const second: FhirPullCursor = { resourceType: 'Task', since: '2026-12-01T10:05:00.000Z', seenAtSince: ['t2/3'] };
    expect(await store.getCursor(org, 'Task')).toBeUndefined();
    expect(await store.putCursor(org, first, undefined)).toBe('ok');
    expect(await store.putCursor(org, first, undefined)).toBe('conflict');
    expect(await store.putCursor(org, second, { ...first, seenAtSince: [] })).toBe('conflict');
    expect(await store.putCursor(org, second, first)).toBe('ok');
    expect(await store.getCursor(org, 'Task')).toEqual(second);
    expect(await store.getCursor(org, 'Patient')).toBeUndefined();
    expect(await store.getCursor(`${org}-other`, 'Task')).toBeUndefined();
  });
}
