import type { Task } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAIS_TASK_OUTPUT_SYSTEM } from '../../../core/fhir/identifiers.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { type FhirServer, startFhirServer } from '../../support/fhir-server.ts';
import { ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';

/**
 * A receiver that runs FHIR, end to end on the local runtime: the referral reaches its server as a Task
 * (through the FHIR push queue), the receiver answers by updating the Task, Relais pulls the answers, and the
 * referrer hears of each, in order.
 */
let api: LocalApi;
let fhir: FhirServer;
const TOKEN = 'tok_beta-fhir';

const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const post = (path: string, key: string, body: unknown = {}) =>
  api.request('POST', path, { headers: headers(key), body: JSON.stringify(body) });
async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  api = await startLocalApi({ visibilityTimeoutSeconds: 2 });
  fhir = await startFhirServer({ token: TOKEN });
  expect((await post('/v1/admin/services', api.keys.bAdmin, serviceInput())).status).toBe(201);
  const set = await api.request('PUT', '/v1/admin/fhir-endpoint', {
    headers: headers(api.keys.bAdmin),
    body: JSON.stringify({ baseUrl: fhir.baseUrl, auth: { kind: 'bearer', token: TOKEN } }),
  });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await fhir?.close();
  await api?.close();
});

describe('a referral to an organisation that runs FHIR', () => {
  it('appears on its server as a Task; its accepted and completed answers reach the referrer, in order', async () => {
    const made = await post('/v1/referrals', api.keys.aAdmin, {
      to: { serviceType: 'psychosocial' },
      child: { person: amani },
      reason: 'Enfant séparée de sa famille, détresse',
      priority: 'urgent',
      consent: consentFor([ORG_B]),
    });
    expect(made.status).toBe(201);
    const referralId: string = made.body.id;

    const client = new Client({ baseUrl: fhir.baseUrl, customHeaders: { Authorization: `Bearer ${TOKEN}` } });
    const task = await until(async () => {
      const found = (await client.search({ resourceType: 'Task', searchParams: { _count: '50' } })) as {
        entry?: Array<{ resource: Task }>;
      };
      return found.entry
        ?.map((e) => e.resource)
        .find((t) => t.identifier?.some((i) => i.value === `${referralId}/task`));
    });
    expect(task).toMatchObject({ status: 'requested', intent: 'order' });
    // The child reached the receiver's server only as consent allowed: no phone, no identifier.
    const patients = JSON.stringify(await client.search({ resourceType: 'Patient', searchParams: {} }));
    expect(patients).not.toContain('+243998877665');
    expect(patients).not.toContain('KZ-2013-0417');

    // The receiver accepts on its own server, then completes with its feedback.
    const accepted = (await client.update({
      resourceType: 'Task',
      id: task.id!,
      body: { ...task, status: 'accepted' },
    })) as unknown as Task;
    await client.update({
      resourceType: 'Task',
      id: task.id!,
      body: {
        ...accepted,
        status: 'completed',
        output: [
          {
            type: { coding: [{ system: RELAIS_TASK_OUTPUT_SYSTEM, code: 'service-provided' }] },
            valueString: 'Quatre séances',
          },
          { type: { coding: [{ system: RELAIS_TASK_OUTPUT_SYSTEM, code: 'outcome' }] }, valueCode: 'needs-met' },
          { type: { coding: [{ system: RELAIS_TASK_OUTPUT_SYSTEM, code: 'date' }] }, valueDate: '2026-12-03' },
        ],
      },
    });

    const pulled = await post('/v1/admin/fhir-endpoint/pull', api.keys.bAdmin);
    expect(pulled.status).toBe(200);
    // Every version since the push: the Task as Relais pushed it changes nothing, the two answers apply in order.
    expect(
      pulled.body.results
        .filter((r: { referralId: string }) => r.referralId === referralId)
        .map((r: { outcome: string; version?: number }) => [r.outcome, r.version]),
    ).toEqual([
      ['unchanged', undefined],
      ['applied', 2],
      ['applied', 3],
    ]);
    // Pulled again: nothing new.
    const again = await post('/v1/admin/fhir-endpoint/pull', api.keys.bAdmin);
    expect(again.body.results.filter((r: { outcome: string }) => r.outcome === 'applied')).toEqual([]);

    // The referrer runs no server: both status events wait in its inbox, in order.
    const events = await until(async () => {
      const inbox = await api.request('GET', '/v1/referrals/inbox', { headers: headers(api.keys.aAdmin) });
      const mine = inbox.body.items.filter((e: { referralId: string }) => e.referralId === referralId);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(events.map((e: { status: string; version: number }) => [e.version, e.status])).toEqual([
      [2, 'accepted'],
      [3, 'completed'],
    ]);
    const read = await api.request('GET', `/v1/referrals/${referralId}`, { headers: headers(api.keys.aAdmin) });
    expect(read.body.status).toBe('completed');
    // The feedback the receiver gave on its Task reached the referrer.
    expect(JSON.stringify(read.body)).toContain('Quatre séances');
  });

  it('is refused to an organisation that is not an administrator', async () => {
    const refused = await post('/v1/admin/fhir-endpoint/pull', api.keys.bReader);
    expect(refused.status).toBe(403);
  });
});
