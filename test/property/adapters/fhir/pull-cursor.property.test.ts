import type { Task } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFhirClient } from '../../../../adapters/fhir/client.ts';
import { systemResolver } from '../../../../adapters/outbound/resolve.ts';
import type { FhirPullCursor } from '../../../../schemas/fhir/sync.ts';
import { startFhirServer } from '../../../support/fhir-server.ts';

type Op =
  | { kind: 'create'; n: number }
  | { kind: 'update'; pick: number }
  | { kind: 'pull'; pageSize: number; maxPages: number | undefined };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('pull' as const),
    pageSize: fc.integer({ min: 1, max: 4 }),
    maxPages: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
);

describe('property: the pull cursor', () => {
  it('hands out every version current at a pull at most once, and ends on each Task as it is now, whatever the writes, page sizes and stops', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const fhir = await startFhirServer();
        try {
          const client = createFhirClient({
            baseUrl: fhir.baseUrl,
            auth: { kind: 'none' },
            resolver: systemResolver,
            allowHttpLoopback: true,
          });
          const ids: string[] = [];
          const handedOut: string[] = [];
          let cursor: FhirPullCursor = { resourceType: 'Task', seenAtSince: [] };
          const pull = async (pageSize: number, maxPages?: number) => {
            const r = await client.pull(cursor, { pageSize, ...(maxPages ? { maxPages } : {}) });
            handedOut.push(...r.resources.map((t) => `${t.id}/${t.meta?.versionId}`));
            cursor = r.cursor;
            return r.resources.length;
          };
          for (const o of ops) {
            if (o.kind === 'create') {
              for (let i = 0; i < o.n; i++) {
                ids.push(
                  (await fhir.repo.createResource<Task>({ resourceType: 'Task', status: 'requested', intent: 'order' }))
                    .id,
                );
              }
            } else if (o.kind === 'update' && ids.length > 0) {
              const current = await fhir.repo.readResource<Task>('Task', ids[o.pick % ids.length]!);
              await fhir.repo.updateResource<Task>({
                ...current,
                status: current.status === 'requested' ? 'accepted' : 'requested',
              });
            } else if (o.kind === 'pull') {
              await pull(o.pageSize, o.maxPages);
            }
          }
          // Drain, with stops after one page, until a pull gives nothing.
          for (let round = 0; round < 100 && (await pull(2, 1)) > 0; round++);
          expect(new Set(handedOut).size).toBe(handedOut.length);
          const now = await Promise.all(ids.map((id) => fhir.repo.readResource<Task>('Task', id)));
          const seen = new Set(handedOut);
          for (const task of now) expect(seen.has(`${task.id}/${task.meta?.versionId}`)).toBe(true);
        } finally {
          await fhir.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
