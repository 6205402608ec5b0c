import { afterEach, describe, expect, it } from 'vitest';
import { fhirConnector } from '../../../adapters/fhir/connect.ts';
import { MemoryChannelStore } from '../../../adapters/memory/channel-store.ts';
import { MemoryFhirEndpointStore } from '../../../adapters/memory/fhir-endpoint-store.ts';
import { systemResolver } from '../../../adapters/outbound/resolve.ts';
import { DELIVERY_SCHEDULE_SECONDS, MAX_ATTEMPTS } from '../../../core/delivery/retry-schedule.ts';
import { type FhirBundleSource, type FhirPushDeps, pushToFhir } from '../../../core/fhir/push.ts';
import { FhirPushMessage } from '../../../schemas/messages/fhir-push.ts';
import { startFhirServer, type FhirServer } from '../../support/fhir-server.ts';
import { referralBundle } from '../../support/fhir-bundles.ts';

const ORG = 'org_recipient';
const REFERRAL = 'ref_aaaaaaaaaaaaaaaaaaaaaaaaaa';
const message = FhirPushMessage.parse({
  type: 'fhir.push',
  version: 1,
  organisationId: ORG,
  subject: { kind: 'referral', referralId: REFERRAL, referralVersion: 1 },
});

const servers: FhirServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(options: { token?: string } = {}) {
  const fhir = await startFhirServer(options);
  servers.push(fhir);
  const endpoints = new MemoryFhirEndpointStore();
  await endpoints.put(
    {
      organisationId: ORG,
      baseUrl: fhir.baseUrl,
      auth: options.token ? { kind: 'bearer' } : { kind: 'none' },
      configuredAt: '2026-12-01T10:00:00.000Z',
    },
    options.token,
  );
  const built: string[] = [];
  // Stands for the Relais Bundle builder: the same conditional Bundle for the same referral, each time.
  const bundles: FhirBundleSource = {
    async bundleFor(organisationId, subject) {
      built.push(`${organisationId}:${subject.referralId}`);
      return referralBundle('per_1', subject.referralId);
    },
  };
  const deps: FhirPushDeps = {
    endpoints,
    bundles,
    connect: fhirConnector({ resolver: systemResolver, allowHttpLoopback: true, clock: { now: () => new Date() } }),
    attempts: new MemoryChannelStore(),
    clock: { now: () => new Date('2026-12-01T12:00:00.000Z') },
    random: () => 0.5,
  };
  const counts = async () =>
    Promise.all(
      (['Patient', 'ServiceRequest', 'Task'] as const).map(
        async (resourceType) => (await fhir.repo.search({ resourceType })).entry?.length ?? 0,
      ),
    );
  return { fhir, deps, endpoints, built, counts };
}

describe('pushing a referral Bundle from the queue', () => {
  it('puts the Task on the recipient server, and a replayed message creates nothing new', async () => {
    const { deps, counts, built } = await setup({ token: 'tok_partner' });
    expect(await pushToFhir(deps, message, { receives: 1 })).toEqual({ kind: 'done' });
    expect(await counts()).toEqual([1, 1, 1]);
    // SQS delivers at least once: the same message again, and again after a redrive.
    expect(await pushToFhir(deps, message, { receives: 2 })).toEqual({ kind: 'done' });
    expect(await pushToFhir(deps, { ...message, series: 1 }, { receives: 1 })).toEqual({ kind: 'done' });
    expect(await counts()).toEqual([1, 1, 1]);
    expect(built).toEqual([`${ORG}:${REFERRAL}`, `${ORG}:${REFERRAL}`, `${ORG}:${REFERRAL}`]);
  });

  it('retries a down server on the delivery schedule, then pushes once it is back', async () => {
    const { fhir, deps, counts } = await setup();
    fhir.fail(503, 502);
    expect(await pushToFhir(deps, message, { receives: 1 })).toEqual({
      kind: 'retry',
      delaySeconds: DELIVERY_SCHEDULE_SECONDS[1],
    });
    expect(await pushToFhir(deps, message, { receives: 2 })).toEqual({
      kind: 'retry',
      delaySeconds: DELIVERY_SCHEDULE_SECONDS[2],
    });
    expect(await counts()).toEqual([0, 0, 0]);
    expect(await pushToFhir(deps, message, { receives: 3 })).toEqual({ kind: 'done' });
    expect(await counts()).toEqual([1, 1, 1]);
  });

  it('gives the message up to the DLQ after the schedule last attempt, and a redrive starts a new schedule', async () => {
    const { fhir, deps, counts } = await setup();
    fhir.fail(...Array.from({ length: MAX_ATTEMPTS + 5 }, () => 500));
    const results = [];
    for (let receive = 1; receive <= MAX_ATTEMPTS + 1; receive++) {
      results.push((await pushToFhir(deps, message, { receives: receive })).kind);
    }
    expect(results).toEqual([...Array.from({ length: MAX_ATTEMPTS - 1 }, () => 'retry'), 'dead', 'dead']);
    fhir.fail();
    expect(await pushToFhir(deps, { ...message, series: 1 }, { receives: 1 })).toEqual({ kind: 'done' });
    expect(await counts()).toEqual([1, 1, 1]);
  });

  it('drops a push for an organisation with no FHIR endpoint, sending nothing', async () => {
    const { fhir, deps, built } = await setup();
    expect(await pushToFhir(deps, { ...message, organisationId: 'org_without' }, { receives: 1 })).toEqual({
      kind: 'dropped',
      why: 'no-endpoint',
    });
    expect(built).toEqual([]);
    expect(fhir.requests).toEqual([]);
  });

  it('drops a push whose subject has nothing left to push', async () => {
    const { fhir, deps } = await setup();
    deps.bundles = { bundleFor: async () => undefined };
    expect(await pushToFhir(deps, message, { receives: 1 })).toEqual({ kind: 'dropped', why: 'nothing-to-push' });
    expect(fhir.requests).toEqual([]);
  });

  it('keeps no child data in the message: ids only', () => {
    expect(Object.keys(message).sort()).toEqual(['organisationId', 'subject', 'type', 'version']);
    expect(() => FhirPushMessage.parse({ ...message, subject: { ...message.subject, name: 'Amani' } })).toThrow();
  });
});
