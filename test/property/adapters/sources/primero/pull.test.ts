import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemResolver } from '../../../../../adapters/outbound/resolve.ts';
import { PrimeroClient } from '../../../../../adapters/sources/primero/client.ts';
import { jsonTransport } from '../../../../../adapters/sources/primero/http.ts';
import type { PullCursor } from '../../../../../adapters/sources/primero/pull-cursor.ts';
import { pullCases } from '../../../../../adapters/sources/primero/pull.ts';
import { type PrimeroServer, startPrimeroServer } from '../../../../support/primero-server.ts';

/**
 * What happens in Primero between and during pulls. Writes are stamped with the server's clock, which
 * moves by nothing (ties between cases), a millisecond, part of a second or seconds; one case is never
 * written twice within one millisecond (its two versions would be indistinguishable by any cursor).
 */
const Step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.constantFrom(0, 1, 7, 400, 999, 1000, 2500) }),
  fc.record({
    kind: fc.constant('pull' as const),
    per: fc.integer({ min: 1, max: 6 }),
    // Writes made in Primero while the pull hands over its pages (updates of cases, and new ones).
    during: fc.array(fc.record({ pick: fc.nat(), create: fc.boolean(), tick: fc.constantFrom(0, 1, 300, 1000) }), {
      maxLength: 4,
    }),
  }),
);

let server: PrimeroServer;
beforeAll(async () => {
  server = await startPrimeroServer();
});
afterAll(() => server.close());

describe('pulling Primero cases by last_updated_at (property 190)', () => {
  it('takes every version a case ends with, and no version twice, whatever the ties, pages and writes meanwhile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Step, { minLength: 1, maxLength: 14 }), async (steps) => {
        server.cases.clear();
        let now = Date.parse('2026-03-01T08:00:00.000Z');
        server.setNow(new Date(now));
        const client = new PrimeroClient(
          server.url,
          { user: server.user, password: server.password },
          jsonTransport({ resolver: systemResolver, allowHttpLoopback: true }),
          { now: () => new Date(now) },
        );
        let serial = 0;
        const write = (id?: string) => {
          const target = id ?? `case-${String(serial++).padStart(4, '0')}`;
          const existing = server.cases.get(target);
          if (existing && existing.last_updated_at === new Date(now).toISOString()) now += 1;
          server.setNow(new Date(now));
          server.cases.set(target, { ...existing, id: target, last_updated_at: new Date(now).toISOString() });
        };
        const anyCase = (pick: number) => {
          const ids = [...server.cases.keys()];
          return ids.length ? ids[pick % ids.length] : undefined;
        };

        const handed = new Map<string, number>();
        let cursor: PullCursor | undefined;
        const pull = async (per: number, during: Array<{ pick: number; create: boolean; tick: number }> = []) => {
          let call = 0;
          const result = await pullCases({
            client,
            per,
            ...(cursor ? { cursor } : {}),
            sink: async (payloads) => {
              for (const p of payloads) {
                const key = `${p.data.id} ${String(p.data.last_updated_at)}`;
                handed.set(key, (handed.get(key) ?? 0) + 1);
              }
              const w = during[call++];
              if (w) {
                now += w.tick;
                write(w.create ? undefined : anyCase(w.pick));
              }
            },
          });
          cursor = result.cursor;
        };

        for (const step of steps) {
          if (step.kind === 'create') for (let i = 0; i < step.n; i++) write();
          else if (step.kind === 'update') {
            for (let i = 0; i < step.n; i++) {
              const id = anyCase(step.pick + i);
              if (id) write(id);
            }
          } else if (step.kind === 'tick') now += step.ms;
          else await pull(step.per, step.during);
        }
        await pull(3);

        for (const [key, times] of handed) expect(times, key).toBe(1);
        for (const c of server.cases.values())
          expect(handed.has(`${String(c.id)} ${String(c.last_updated_at)}`), String(c.id)).toBe(true);
      }),
      {
        numRuns: 150,
        // Found by a run: nine cases in one second, paged by four; the first one updated while the second's
        // pages were read landed on a page already read, and the clock then left the second.
        examples: [
          [
            [
              { kind: 'create', n: 1 },
              { kind: 'create', n: 8 },
              {
                kind: 'pull',
                per: 4,
                during: [
                  { pick: 116614048, create: false, tick: 0 },
                  { pick: 0, create: false, tick: 0 },
                  { pick: 1, create: false, tick: 1000 },
                ],
              },
              { kind: 'tick', ms: 0 },
            ],
          ],
        ],
      },
    );
  });
});
