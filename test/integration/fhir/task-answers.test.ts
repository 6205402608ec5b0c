import type { Task } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterEach, describe, expect, it } from 'vitest';
import { fhirConnector } from '../../../adapters/fhir/connect.ts';
import { MemoryChangeStore } from '../../../adapters/memory/change-store.ts';
import { MemoryChannelStore } from '../../../adapters/memory/channel-store.ts';
import { MemoryFhirEndpointStore } from '../../../adapters/memory/fhir-endpoint-store.ts';
import { MemoryReferralStore } from '../../../adapters/memory/referral-store.ts';
import { systemResolver } from '../../../adapters/outbound/resolve.ts';
import { deliverEvent } from '../../../core/delivery/deliver-event.ts';
import { RELAIS_REASON_SYSTEM, RELAIS_TASK_OUTPUT_SYSTEM } from '../../../core/fhir/identifiers.ts';
import { pushToFhir } from '../../../core/fhir/push.ts';
import { pullTaskAnswers, type TaskPullDeps } from '../../../core/fhir/task-answers.ts';
import { taskStatusToReferral } from '../../../core/fhir/task-status.ts';
import type { ReferralEvent } from '../../../schemas/canonical/referral.ts';
import { FhirTaskStatus } from '../../../schemas/fhir/sync.ts';
import { storedReferral } from '../../fixtures/referrals/referrals.ts';
import { startFhirServer, type FhirServer } from '../../support/fhir-server.ts';
import { REFERRAL_SYSTEM, referralBundle } from '../../support/fhir-bundles.ts';

const RECIPIENT = 'org_divas';
const REFERRER = 'org_espoir';

const servers: FhirServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const output = (code: string, value: Record<string, string>) => ({
  type: { coding: [{ system: RELAIS_TASK_OUTPUT_SYSTEM, code }] },
  ...value,
});
const FEEDBACK = [
  output('service-provided', { valueString: 'Soutien psychosocial, 4 séances' }),
  output('outcome', { valueCode: 'needs-met' }),
  output('date', { valueDate: '2026-12-03' }),
];

async function setup() {
  const fhir = await startFhirServer({ token: 'tok_divas' });
  servers.push(fhir);
  const referrals = new MemoryReferralStore();
  const endpoints = new MemoryFhirEndpointStore();
  await endpoints.put(
    {
      organisationId: RECIPIENT,
      baseUrl: fhir.baseUrl,
      auth: { kind: 'bearer' },
      configuredAt: '2026-12-01T10:00:00Z',
    },
    'tok_divas',
  );
  const queued: ReferralEvent[] = [];
  let now = Date.parse('2026-12-01T11:00:00.000Z');
  const clock = { now: () => new Date((now += 1000)) };
  const connect = fhirConnector({ resolver: systemResolver, allowHttpLoopback: true, clock });
  const deps: TaskPullDeps = {
    referrals,
    queue: { enqueue: async (e: ReferralEvent) => void queued.push(e) },
    clock,
    endpoints,
    connect,
  };
  /** The referral as the recipient's server gets it: pushed through the FHIR push queue's use case. */
  async function refer() {
    const referral = storedReferral();
    await referrals.create(referral);
    const pushed = await pushToFhir(
      {
        endpoints,
        bundles: { bundleFor: async (_org, subject) => referralBundle('per_1', subject.referralId) },
        connect,
        attempts: new MemoryChannelStore(),
        clock,
        random: () => 0.5,
      },
      {
        type: 'fhir.push',
        version: 1,
        organisationId: RECIPIENT,
        subject: { kind: 'referral', referralId: referral.id, referralVersion: 1 },
      },
      { receives: 1 },
    );
    expect(pushed).toEqual({ kind: 'done' });
    const task = (
      await fhir.repo.search<Task>({
        resourceType: 'Task',
        filters: [{ code: 'identifier', operator: 'eq' as never, value: `${REFERRAL_SYSTEM}|${referral.id}/task` }],
      })
    ).entry![0]!.resource!;
    return { referral, task };
  }
  /** The recipient's own system, answering on its FHIR server over HTTP with fhir-kit-client. */
  const recipient = new Client({ baseUrl: fhir.baseUrl, bearerToken: 'tok_divas' });
  const answer = async (task: Task, change: Partial<Task>) => {
    await new Promise((r) => setTimeout(r, 2));
    const current = (await recipient.read({ resourceType: 'Task', id: task.id! })) as unknown as Task;
    return recipient.update({ resourceType: 'Task', id: task.id!, body: { ...current, ...change } as never });
  };
  return { fhir, deps, referrals, endpoints, queued, refer, answer };
}

describe('Task status answers pulled from the recipient FHIR server', () => {
  it('applies accepted then completed, read between two pulls, and the referrer gets both status events', async () => {
    const { deps, referrals, queued, refer, answer } = await setup();
    const { referral, task } = await refer();
    await answer(task, { status: 'accepted' });
    await answer(task, { status: 'completed', output: FEEDBACK });

    const pulled = await pullTaskAnswers(deps, RECIPIENT);
    expect(pulled.results.map((r) => r.outcome)).toEqual(['unchanged', 'applied', 'applied']);
    expect(pulled.moved).toBe(true);
    const stored = (await referrals.get(referral.id))!;
    expect(stored.history.map((h) => [h.status, h.side, h.byOrganisationId])).toEqual([
      ['requested', 'referring', REFERRER],
      ['accepted', 'receiving', RECIPIENT],
      ['completed', 'receiving', RECIPIENT],
    ]);
    expect(stored.history[2]!.feedback).toEqual({
      serviceProvided: 'Soutien psychosocial, 4 séances',
      outcome: 'needs-met',
      date: '2026-12-03',
    });
    expect(queued.map((e) => [e.version, e.recipientOrganisationId, e.type])).toEqual([
      [2, REFERRER, 'referral.status-changed'],
      [3, REFERRER, 'referral.status-changed'],
    ]);

    // Through the existing delivery: the referrer has no server, so both land in its inbox, in order.
    const delivery = {
      referrals,
      channels: new MemoryChannelStore(),
      attempts: { record: async () => expect.fail('no webhook attempt for an inbox') },
      send: async () => expect.fail('nothing is posted to an inbox'),
      clock: deps.clock,
      random: () => 0.5,
      changes: new MemoryChangeStore(),
    };
    for (const event of queued) {
      const result = await deliverEvent(
        delivery,
        {
          type: 'referral.event',
          version: 1,
          eventId: event.id,
          referralId: event.referralId,
          referralVersion: event.version,
          recipientOrganisationId: event.recipientOrganisationId,
        },
        { receives: 1 },
      );
      expect(result).toEqual({ kind: 'done' });
      // The memory inbox orders by the wall-clock millisecond of arrival.
      await new Promise((r) => setTimeout(r, 2));
    }
    const inbox = await referrals.inbox(REFERRER, undefined, 10);
    expect(inbox.items.map((e) => [e.version, e.type])).toEqual([
      [2, 'referral.status-changed'],
      [3, 'referral.status-changed'],
    ]);
  });

  it('reads nothing twice: a second pull finds nothing, and one from an older cursor changes nothing', async () => {
    const { deps, endpoints, queued, refer, answer } = await setup();
    const { task } = await refer();
    await answer(task, { status: 'accepted' });
    const before = await endpoints.getCursor(RECIPIENT, 'Task');
    await pullTaskAnswers(deps, RECIPIENT);
    expect(queued).toHaveLength(1);
    expect((await pullTaskAnswers(deps, RECIPIENT)).results).toEqual([]);
    // A pull whose cursor write was lost (a crash after applying) reads the same versions again.
    const lost = new MemoryFhirEndpointStore();
    await lost.put((await endpoints.get(RECIPIENT))!.endpoint, 'tok_divas');
    if (before) await lost.putCursor(RECIPIENT, before, undefined);
    const again = await pullTaskAnswers({ ...deps, endpoints: lost }, RECIPIENT);
    expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(queued).toHaveLength(1);
  });

  it('applies a Task version read again after the referral moved on as the same change, adding nothing', async () => {
    const { deps, referrals, endpoints, refer, answer } = await setup();
    const { referral, task } = await refer();
    await answer(task, { status: 'accepted' });
    await pullTaskAnswers(deps, RECIPIENT);
    const afterAccept = await endpoints.getCursor(RECIPIENT, 'Task');
    await answer(task, { status: 'completed', output: FEEDBACK });
    await pullTaskAnswers(deps, RECIPIENT);
    const lost = new MemoryFhirEndpointStore();
    await lost.put((await endpoints.get(RECIPIENT))!.endpoint, 'tok_divas');
    await lost.putCursor(RECIPIENT, afterAccept!, undefined);
    await lost.putCursor(RECIPIENT, { resourceType: 'Task', seenAtSince: [] }, afterAccept);
    const replay = await pullTaskAnswers({ ...deps, endpoints: lost }, RECIPIENT);
    expect(replay.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect((await referrals.get(referral.id))!.history.map((h) => h.status)).toEqual([
      'requested',
      'accepted',
      'completed',
    ]);
  });

  it('takes the reason code the recipient gave for a rejection, or other with its text', async () => {
    const { deps, referrals, refer, answer } = await setup();
    const first = await refer();
    const second = await refer();
    await answer(first.task, {
      status: 'rejected',
      statusReason: { coding: [{ system: RELAIS_REASON_SYSTEM, code: 'no-capacity' }] },
    });
    await answer(second.task, { status: 'rejected', statusReason: { text: 'Hors zone pour ce service' } });
    await pullTaskAnswers(deps, RECIPIENT);
    expect((await referrals.get(first.referral.id))!.history.at(-1)).toMatchObject({
      status: 'rejected',
      reasonCode: 'no-capacity',
    });
    expect((await referrals.get(second.referral.id))!.history.at(-1)).toMatchObject({
      status: 'rejected',
      reasonCode: 'other',
      note: 'Hors zone pour ce service',
    });
  });

  it('refuses what the API would refuse, reports it, and moves on', async () => {
    const { deps, referrals, refer, answer } = await setup();
    const noFeedback = await refer();
    const skipped = await refer();
    await answer(noFeedback.task, { status: 'accepted' });
    await answer(noFeedback.task, { status: 'completed' });
    // requested → completed is no move of the lifecycle; and an answer for a referral not known here.
    await answer(skipped.task, { status: 'in-progress' });
    await answer(skipped.task, {
      status: 'accepted',
      identifier: [{ system: REFERRAL_SYSTEM, value: 'ref_zzzzzzzzzzzzzzzzzzzzzzzzzz/task' }],
    });
    const { results, moved } = await pullTaskAnswers(deps, RECIPIENT);
    const byOutcome = results.map((r) => (r.outcome === 'refused' ? `refused:${r.reason}` : r.outcome));
    expect(byOutcome).toEqual([
      'unchanged',
      'applied',
      'refused:invalid-document',
      'unchanged',
      'refused:referral-transition-not-allowed',
      'not-found',
    ]);
    expect(moved).toBe(true);
    expect((await referrals.get(noFeedback.referral.id))!.status).toBe('accepted');
    expect((await referrals.get(skipped.referral.id))!.status).toBe('requested');
  });

  it('answers only as the receiving side: a Task for a referral the organisation sent changes nothing', async () => {
    const { deps, referrals, refer, answer, endpoints } = await setup();
    const { referral, task } = await refer();
    await answer(task, { status: 'cancelled', statusReason: { text: 'x' } });
    await endpoints.put({ ...(await endpoints.get(RECIPIENT))!.endpoint, organisationId: REFERRER }, 'tok_divas');
    const { results } = await pullTaskAnswers(deps, REFERRER);
    expect(results.map((r) => r.outcome)).toEqual(['not-found', 'not-found']);
    expect((await referrals.get(referral.id))!.status).toBe('requested');
  });

  it('leaves the cursor where it was when the server fails, so the next pull reads the same answers', async () => {
    const { fhir, deps, endpoints, refer, answer } = await setup();
    const { task } = await refer();
    await answer(task, { status: 'accepted' });
    fhir.fail(503);
    await expect(pullTaskAnswers(deps, RECIPIENT)).rejects.toMatchObject({ outcome: { status: 503 } });
    expect(await endpoints.getCursor(RECIPIENT, 'Task')).toBeUndefined();
    expect((await pullTaskAnswers(deps, RECIPIENT)).results.map((r) => r.outcome)).toEqual(['unchanged', 'applied']);
  });
});

describe('taskStatusToReferral', () => {
  it('gives the referral status of the same name, and nothing for draft, received, ready, entered-in-error', () => {
    const mapped = Object.fromEntries(FhirTaskStatus.options.map((s) => [s, taskStatusToReferral(s) ?? null]));
    expect(mapped).toEqual({
      draft: null,
      requested: 'requested',
      received: null,
      accepted: 'accepted',
      rejected: 'rejected',
      ready: null,
      cancelled: 'cancelled',
      'in-progress': 'in-progress',
      'on-hold': 'on-hold',
      failed: 'failed',
      completed: 'completed',
      'entered-in-error': null,
    });
  });
});
