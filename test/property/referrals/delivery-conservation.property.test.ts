import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../../adapters/sqs/dead-letters.ts';
import type { WebhookSend } from '../../../core/delivery/deliver-event.ts';
import { container } from '../../../functions/platform/container.ts';
import { ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';

/**
 * Conservation under failure injection, through the real SQS adapter on local-aws-sqs and the real delivery
 * consumer: the delivery function crashes at random before or after its POST (as a Lambda that times out or
 * is killed would), and the receivers deduplicate on the event id as Standard Webhooks asks. Every event is
 * then delivered once in effect, or, if crashes used up its attempts, lies in the DLQ read undeliverable; none
 * is lost, and each referral's events arrive in version order.
 */
let api: LocalApi;
let toB: Awaited<ReturnType<typeof startWebhookReceiver>>;
let toA: Awaited<ReturnType<typeof startWebhookReceiver>>;
let realSend: WebhookSend;

const json = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const post = (path: string, key: string, body: unknown) =>
  api.request('POST', path, { headers: json(key), body: JSON.stringify(body) });

beforeAll(async () => {
  // A crashed delivery comes back after the visibility timeout: 1 s here.
  api = await startLocalApi({ visibilityTimeoutSeconds: 1 });
  [toB, toA] = [await startWebhookReceiver(), await startWebhookReceiver()];
  await post('/v1/admin/services', api.keys.bAdmin, serviceInput());
  for (const [key, receiver] of [
    [api.keys.bAdmin, toB],
    [api.keys.aAdmin, toA],
  ] as const) {
    const res = await api.request('PUT', '/v1/admin/delivery-channel', {
      headers: json(key),
      body: JSON.stringify({ kind: 'webhook', url: receiver.url, events: 'thin' }),
    });
    receiver.useSecret(res.body.signingSecret);
  }
  realSend = container().delivery.send;
});
afterAll(async () => {
  if (realSend) container().delivery.send = realSend;
  await toA?.close();
  await toB?.close();
  await api?.close();
});

/** The first arrival of each event, in arrival order. */
const firstArrivals = (received: Array<{ id: string; body: any }>) => {
  const seen = new Set<string>();
  return received.filter((e) => !seen.has(e.id) && seen.add(e.id));
};

describe('referral events under random delivery crashes (property)', () => {
  it('every event is delivered once in effect or lies in the DLQ read undeliverable, none is lost, and order per referral holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<'ok' | 'crash-before' | 'crash-after'>('ok', 'ok', 'crash-before', 'crash-after'), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 3 }),
        async (plan, count) => {
          let step = 0;
          container().delivery.send = async (request) => {
            const fate = plan[step++ % plan.length]!;
            if (fate === 'crash-before') throw new Error('delivery function crashed before its POST');
            const outcome = await realSend(request);
            if (fate === 'crash-after') throw new Error('delivery function crashed after its POST');
            return outcome;
          };
          const [beforeA, beforeB] = [toA.received.length, toB.received.length];
          const ids: string[] = [];
          for (let i = 0; i < count; i++) {
            const made = await post('/v1/referrals', api.keys.aAdmin, {
              to: { serviceType: 'psychosocial' },
              child: { person: amani },
              reason: 'Soutien psychosocial',
              priority: 'normal',
              consent: consentFor([ORG_B]),
            });
            expect(made.status).toBe(201);
            ids.push(made.body.id);
          }
          for (const id of ids) {
            expect((await post(`/v1/referrals/${id}/status`, api.keys.bAdmin, { status: 'accepted' })).status).toBe(
              200,
            );
            expect((await post(`/v1/referrals/${id}/status`, api.keys.bAdmin, { status: 'in-progress' })).status).toBe(
              200,
            );
          }
          const mine = (received: Array<{ id: string; body: any }>, from: number) =>
            firstArrivals(received.slice(from)).filter((e) => ids.includes(e.body.data.referralId));
          const { dlqUrl } = api.runtime.queues.referralDelivery!;
          const deadLetters = async () =>
            (await listDeadLetters(api.runtime.sqs, dlqUrl)).filter((l) => ids.includes(l.referralId));
          // Each referral's three events: v1 to B, v2 and v3 back to A.
          const events = ids.flatMap((id) => [1, 2, 3].map((version) => ({ id, version })));
          const settled = async () => {
            const arrived = [...mine(toB.received, beforeB), ...mine(toA.received, beforeA)].map(
              (e) => `${e.body.data.referralId}#${e.body.data.version}`,
            );
            const dead = (await deadLetters()).map((l) => `${l.referralId}#${l.referralVersion}`);
            return events.every(({ id, version }) => [...arrived, ...dead].includes(`${id}#${version}`));
          };
          const until = Date.now() + 60_000;
          while (!(await settled()) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
          // A copy may have arrived from a delivery that then crashed: let its redelivery finish.
          await api.runtime.drain(60_000);

          // None lost: every event reached its recipient, or, when a run of crashes used up its attempts, lies
          // in the DLQ and the referral reads it undeliverable (both, when the last crash came after the POST).
          const dead = await deadLetters();
          const arrivedAt = (receiver: typeof toA, from: number) => mine(receiver.received, from);
          for (const { id, version } of events) {
            const receiver = version === 1 ? arrivedAt(toB, beforeB) : arrivedAt(toA, beforeA);
            const arrived = receiver.some((e) => e.body.data.referralId === id && e.body.data.version === version);
            const buried = dead.some((l) => l.referralId === id && l.referralVersion === version);
            expect(arrived || buried, `${id} v${version}: neither delivered nor in the DLQ`).toBe(true);
            const read = await api.request('GET', `/v1/referrals/${id}`, { headers: json(api.keys.aAdmin) });
            const facts = read.body.delivery.filter((f: { version: number }) => f.version === version);
            const has = (fact: string) => facts.some((f: { fact: string }) => f.fact === fact);
            // Relais knows how each ended: delivered, or (in the DLQ) undeliverable.
            expect(buried ? has('undeliverable') : has('delivered'), `${id} v${version}`).toBe(true);
          }
          // In order per referral: version 2 before version 3, whatever crashed.
          for (const id of ids) {
            const versions = arrivedAt(toA, beforeA)
              .filter((e) => e.body.data.referralId === id)
              .map((e) => e.body.data.version);
            expect(versions).toEqual([...versions].sort());
          }
          // Once in effect: copies (after a crash past the POST) carry the same event id, so deduplicate alike.
          const copies = toA.received.slice(beforeA).filter((e) => ids.includes(e.body.data.referralId));
          expect(new Set(copies.map((e) => e.id)).size).toBe(arrivedAt(toA, beforeA).length);
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);
});
