import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoChannelStore } from '../../../adapters/dynamodb/channel-store.ts';
import { listDeadLetters } from '../../../adapters/sqs/dead-letters.ts';
import { MAX_ATTEMPTS } from '../../../core/delivery/retry-schedule.ts';
import { eventIdFor } from '../../../core/referrals/events.ts';
import { referralIdFor } from '../../../core/referrals/refer.ts';
import { container } from '../../../functions/platform/container.ts';
import { DeadLetterList, RedriveResult } from '../../../schemas/api/dead-letters.ts';
import { ORG_A, ORG_B, type LocalApi, startLocalApi } from '../../support/local-api.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';
import { serviceInput } from '../../fixtures/services.ts';
import { amani, consentFor } from '../../fixtures/referrals/referrals.ts';

/**
 * The admin routes over the referral delivery DLQ, through the local runtime and its real local SQS: Alpha
 * refers two children to Beta (one of them cancelled: two versions), Beta refers one to Delta, and Gamma is
 * party to nothing. Their events are put in the DLQ as the queue leaves them after the last attempt.
 */
let api: LocalApi;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const keys = { gamma: '', delta: '', aReferrals: '' };
/** Alpha → Beta, requested then cancelled (two versions); Alpha → Beta; Beta → Delta. */
const refs = { cancelled: '', open: '', toDelta: '' };

const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
const post = (path: string, key: string, body: unknown, more: Record<string, string> = {}) =>
  api.request('POST', path, { headers: { ...headers(key), ...more }, body: JSON.stringify(body) });
const list = async (key: string) => {
  const res = await api.request('GET', '/v1/admin/dead-letters', { headers: headers(key) });
  expect(res.status).toBe(200);
  return DeadLetterList.parse(res.body).items;
};
const redrive = async (key: string, body: unknown = {}) => {
  const res = await post('/v1/admin/dead-letters/redrive', key, body);
  expect(res.status).toBe(200);
  return RedriveResult.parse(res.body).redriven;
};
const versions = (letters: Array<{ referralId: string; referralVersion: number }>) =>
  letters.map((l) => [l.referralId, l.referralVersion]);

const referralBody = (overrides: Record<string, unknown> = {}) => ({
  to: { serviceType: 'psychosocial' },
  child: { person: amani },
  reason: 'Enfant séparée de sa famille, détresse',
  protectionConcerns: ['separated'],
  priority: 'urgent',
  consent: consentFor([ORG_B]),
  ...overrides,
});

/** What the delivery queue leaves in its DLQ after the schedule's last attempt: the event's message, unchanged. */
async function bury(referralId: string, referralVersion: number, recipientOrganisationId: string) {
  await api.runtime.sqs.send(
    new SendMessageCommand({
      QueueUrl: api.runtime.queues.referralDelivery!.dlqUrl,
      MessageBody: JSON.stringify({
        type: 'referral.event',
        version: 1,
        eventId: eventIdFor(referralId, referralVersion, recipientOrganisationId),
        referralId,
        referralVersion,
        recipientOrganisationId,
      }),
      MessageGroupId: referralId,
      MessageDeduplicationId: `dead-${referralId}-${referralVersion}`,
    }),
  );
}

beforeAll(async () => {
  api = await startLocalApi({ visibilityTimeoutSeconds: 2 });
  receiver = await startWebhookReceiver();
  expect((await post('/v1/admin/services', api.keys.bAdmin, serviceInput())).status).toBe(201);
  const channel = await api.request('PUT', '/v1/admin/delivery-channel', {
    headers: headers(api.keys.bAdmin),
    body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
  });
  receiver.useSecret(channel.body.signingSecret);
  await api.directory.createOrganisation({ id: 'org_gamma', name: 'Gamma', kind: 'ngo', country: 'CD' });
  await api.directory.createOrganisation({ id: 'org_delta', name: 'Delta', kind: 'ngo', country: 'CD' });
  keys.gamma = await api.issueKey('org_gamma', ['admin']);
  keys.delta = await api.issueKey('org_delta', ['admin']);
  keys.aReferrals = await api.issueKey(ORG_A, ['referrals']);
  const deltaService = await post('/v1/admin/services', keys.delta, serviceInput({ type: 'legal_assistance' }));

  // B is down, and A's three events to it have all but their last attempt behind them (the 3-day schedule
  // is held with a fake clock elsewhere): each fails once more and the queue moves it to the DLQ.
  receiver.answer(...Array<number>(10).fill(503));
  refs.cancelled = referralIdFor(ORG_A, 'dlq-cancelled');
  refs.open = referralIdFor(ORG_A, 'dlq-open');
  const counter = new DynamoChannelStore(api.runtime.dynamo.doc, api.runtime.tables.deliveries!);
  for (const [id, version] of [
    [refs.cancelled, 1],
    [refs.cancelled, 2],
    [refs.open, 1],
  ] as const) {
    const series = `${eventIdFor(id, version, ORG_B)}#0`;
    for (let i = 1; i < MAX_ATTEMPTS; i++) await counter.nextAttempt(ORG_B, series);
  }
  const make = (key: string) => post('/v1/referrals', api.keys.aAdmin, referralBody(), { 'idempotency-key': key });
  expect((await make('dlq-cancelled')).body.id).toBe(refs.cancelled);
  const cancelled = await post(`/v1/referrals/${refs.cancelled}/status`, api.keys.aAdmin, {
    status: 'cancelled',
    reasonCode: 'other',
  });
  expect(cancelled.status).toBe(200);
  expect((await make('dlq-open')).body.id).toBe(refs.open);
  const { dlqUrl } = api.runtime.queues.referralDelivery!;
  for (let waited = 0; (await listDeadLetters(api.runtime.sqs, dlqUrl)).length < 3; waited += 100) {
    if (waited > 45_000) throw new Error('the three events did not reach the DLQ');
    await new Promise((r) => setTimeout(r, 100));
  }
  receiver.answer();
  const toDelta = await post(
    '/v1/referrals',
    api.keys.bAdmin,
    referralBody({
      to: { serviceId: deltaService.body.id },
      consent: consentFor(['org_delta'], { purposes: ['legal_assistance'] }),
    }),
  );
  expect(toDelta.status).toBe(201);
  refs.toDelta = toDelta.body.id;
  await api.runtime.drain();
  // Delta has no server: its event went to its inbox. A letter of it, as an operator might find one.
  await bury(refs.toDelta, 1, 'org_delta');
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await api?.close();
});

describe('the referral delivery DLQ through the admin API', () => {
  it("lists for each admin the dead letters of its organisation's referrals only, by ids, and takes none out", async () => {
    const alpha = await list(api.keys.aAdmin);
    expect(versions(alpha).sort()).toEqual(
      [
        [refs.cancelled, 1],
        [refs.cancelled, 2],
        [refs.open, 1],
      ].sort(),
    );
    // In order per referral: the order a redrive keeps.
    expect(versions(alpha.filter((l) => l.referralId === refs.cancelled))).toEqual([
      [refs.cancelled, 1],
      [refs.cancelled, 2],
    ]);
    expect(versions(await list(api.keys.bAdmin))).toHaveLength(4);
    expect(versions(await list(keys.delta))).toEqual([[refs.toDelta, 1]]);
    expect(await list(keys.gamma)).toEqual([]);
    const text = JSON.stringify(
      await api.request('GET', '/v1/admin/dead-letters', { headers: headers(api.keys.bAdmin) }),
    );
    for (const personal of [amani.name.given!, amani.name.family!, '+243998877665', 'KZ-2013-0417'])
      expect(text).not.toContain(personal);
    expect(await list(api.keys.aAdmin)).toHaveLength(3);
  });

  it("lets a third organisation redrive none of another's dead letters, named or not", async () => {
    expect(await redrive(keys.gamma)).toEqual([]);
    expect(await redrive(keys.gamma, { referralIds: [refs.cancelled, refs.toDelta] })).toEqual([]);
    expect(await redrive(keys.delta, { referralIds: [refs.cancelled] })).toEqual([]);
    expect(await list(api.keys.bAdmin)).toHaveLength(4);
  });

  it('redrives the named referral in order, delivered once each, and leaves the letters not selected in the DLQ', async () => {
    const before = receiver.received.length;
    const redriven = await redrive(api.keys.aAdmin, { referralIds: [refs.cancelled] });
    expect(versions(redriven)).toEqual([
      [refs.cancelled, 1],
      [refs.cancelled, 2],
    ]);
    await receiver.waitFor(before + 2);
    await api.runtime.drain();
    expect(receiver.received.slice(before).map((e) => e.id)).toEqual([
      eventIdFor(refs.cancelled, 1, ORG_B),
      eventIdFor(refs.cancelled, 2, ORG_B),
    ]);
    expect(versions(await list(api.keys.aAdmin))).toEqual([[refs.open, 1]]);
    expect(versions(await list(keys.delta))).toEqual([[refs.toDelta, 1]]);
  });

  it('audits the list and the redrive, naming the operation, organisation and key, never a referral', async () => {
    const info = vi.spyOn(container().logger, 'info');
    await list(keys.gamma);
    await redrive(keys.gamma);
    const audits = info.mock.calls.filter(([message]) => message === 'audit').map(([, line]) => line);
    expect(audits).toEqual([
      expect.objectContaining({ audit: 'listDeadLetters', organisationId: 'org_gamma', status: 200 }),
      expect.objectContaining({ audit: 'redriveDeadLetters', organisationId: 'org_gamma', status: 200 }),
    ]);
    expect(JSON.stringify(audits)).not.toMatch(/ref_/);
    info.mockRestore();
  });

  it('needs the admin role: a reader or referrals key gets 403 on both routes', async () => {
    for (const key of [api.keys.aReader, keys.aReferrals]) {
      expect((await api.request('GET', '/v1/admin/dead-letters', { headers: headers(key) })).status).toBe(403);
      expect((await post('/v1/admin/dead-letters/redrive', key, {})).status).toBe(403);
    }
    expect(await list(api.keys.aAdmin)).toHaveLength(1);
  });

  // The table is built before beforeAll runs: a well-formed id, not one of the referrals above.
  const SOME_REFERRAL = 'ref_aaaaaaaaaaaaaaaaaaaaaaaaaa';
  it.each([
    ['a referral id that is not one', { referralIds: ['ESP-0001'] }, '/referralIds/0'],
    ['more than 100 referrals', { referralIds: Array.from({ length: 101 }, () => SOME_REFERRAL) }, '/referralIds'],
    ['an empty list', { referralIds: [] }, '/referralIds'],
    [
      'a field the request does not take',
      { referralIds: [SOME_REFERRAL], organisationId: 'org_beta' },
      '/organisationId',
    ],
  ])('refuses %s with 422 pointing at it, and redrives nothing', async (_what, body, pointer) => {
    const res = await post('/v1/admin/dead-letters/redrive', api.keys.aAdmin, body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
    expect(await list(api.keys.aAdmin)).toHaveLength(1);
  });
});
