import { pathToFileURL } from 'node:url';
import { createFhirClient } from '../../adapters/fhir/client.ts';
import { systemResolver } from '../../adapters/outbound/resolve.ts';
import { bundleForReferral } from '../../core/fhir/index.ts';
import { TransactionBundle } from '../../schemas/fhir/sync.ts';
import { fixtureReferralViews } from '../../test/fixtures/fhir/exports.ts';
import { startFhirServer } from '../../test/support/fhir-server.ts';

/**
 * Bundle push throughput to the in-process FHIR server (test/support/fhir-server.ts), against the raw
 * write rate of that server for the same resources. Each rate is measured on a fresh server holding the same
 * number of resources, because the server's conditional searches grow with what it holds:
 * - push: each referral's transaction Bundle (as core/fhir builds it, every entry conditional) through the
 *   Relais client (fhir-kit-client, outbound URL vetting, a pinned connection, HTTP on 127.0.0.1), one at a
 *   time as one consumer pushes them; then the same Bundles again, as replays that create nothing;
 * - bare: the same Bundles POSTed with fetch alone: the server's transaction rate with no Relais client;
 * - raw: the same resources written straight into the server's repository, unconditionally, with no HTTP,
 *   no transaction and no search: the ceiling the server's store sets.
 * One run, 20 Bundles of warm-up each.
 */
export interface FhirPushBench {
  bundles: number;
  resourcesPerBundle: number;
  /** Resources per second: of wall time, and of CPU time. */
  push: Rate;
  replay: Rate;
  bare: Rate;
  raw: Rate;
  /** Push rate over the raw write rate (wall time). */
  ratio: number;
  /** Push rate over the bare transaction rate (wall time): what the Relais client costs. */
  clientRatio: number;
  /** Resources on the pushed server after push and replay, by type: each once. */
  stored: Record<string, number>;
}

const WARM_UP = 20;

/**
 * Resources per second of wall time, and per second of this process's CPU time (client and server share
 * the process): on a loaded machine the second is the steadier figure.
 */
const rate = async (resources: number, run: () => Promise<void>) => {
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  await run();
  const used = process.cpuUsage(cpu);
  return {
    wall: resources / ((performance.now() - started) / 1000),
    cpu: resources / ((used.user + used.system) / 1e6),
  };
};
type Rate = Awaited<ReturnType<typeof rate>>;

/** A distinct valid referral id per i: i written in letters (base 26), padded. */
const referralIdOf = (i: number): string => {
  let letters = '';
  for (let n = i; letters === '' || n > 0; n = Math.floor(n / 26))
    letters = String.fromCharCode(97 + (n % 26)) + letters;
  return `ref_${letters.padStart(26, 'a')}`;
};

export async function benchFhirPush(bundles = 100): Promise<FhirPushBench> {
  // The Bundles Relais pushes: a receiver's view of a referral (ServiceRequest, Task, Consent, the child's
  // Patient, the organisations), under a new referral id each, so that none is a replay of another.
  const view = fixtureReferralViews().find((v) => v.yourSide === 'receiving' && v.child) ?? fixtureReferralViews()[0]!;
  const made: TransactionBundle[] = Array.from({ length: bundles + WARM_UP }, (_, i) =>
    TransactionBundle.parse(
      bundleForReferral({
        ...view,
        id: referralIdOf(i),
      }),
    ),
  );
  const resourcesPerBundle = made[0]!.entry.length;
  const [warmUp, measured] = [made.slice(0, WARM_UP), made.slice(WARM_UP)];
  const count = measured.length * resourcesPerBundle;

  const pushed = await startFhirServer({ token: 'bench' });
  let push: Rate, replay: Rate;
  const stored: Record<string, number> = {};
  try {
    const client = createFhirClient({
      baseUrl: pushed.baseUrl,
      auth: { kind: 'bearer', token: 'bench' },
      resolver: systemResolver,
      allowHttpLoopback: true,
    });
    const pushAll = (list: readonly TransactionBundle[]) => async () => {
      for (const b of list) {
        const result = await client.push(b);
        if (result.kind !== 'pushed') throw new Error(`push failed: ${JSON.stringify(result.outcome)}`);
      }
    };
    await pushAll(warmUp)();
    push = await rate(count, pushAll(measured));
    replay = await rate(count, pushAll(measured));
    for (const type of ['Patient', 'ServiceRequest', 'Task', 'Consent', 'Organization'] as const) {
      stored[type] = (await pushed.repo.search({ resourceType: type })).total ?? 0;
    }
  } finally {
    await pushed.close();
  }

  const bareServer = await startFhirServer();
  let bare: Rate;
  try {
    const postAll = (list: readonly TransactionBundle[]) => async () => {
      for (const b of list) {
        const response = await fetch(`${bareServer.baseUrl}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
          body: JSON.stringify(b),
        });
        await response.text();
        if (!response.ok) throw new Error(`bare transaction failed: ${response.status}`);
      }
    };
    await postAll(warmUp)();
    bare = await rate(count, postAll(measured));
  } finally {
    await bareServer.close();
  }

  const rawServer = await startFhirServer();
  let raw: Rate;
  try {
    const writeAll = (list: readonly TransactionBundle[]) => async () => {
      for (const b of list) for (const e of b.entry) await rawServer.repo.createResource(e.resource as never);
    };
    await writeAll(warmUp)();
    raw = await rate(count, writeAll(measured));
  } finally {
    await rawServer.close();
  }

  return {
    bundles,
    resourcesPerBundle,
    push,
    replay,
    bare,
    raw,
    ratio: push.wall / raw.wall,
    clientRatio: push.wall / bare.wall,
    stored,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchFhirPush(Number(process.argv[2] ?? 50));
  const f = (x: Rate) => `${x.wall.toFixed(0)} resources/s (${x.cpu.toFixed(0)} per CPU second)`;
  process.stdout.write(
    [
      `FHIR push to the in-process server (${r.bundles} transaction Bundles of ${r.resourcesPerBundle} resources, one consumer):`,
      `  push    ${f(r.push)}, ${(r.push.wall / r.resourcesPerBundle).toFixed(1)} Bundles/s`,
      `  replay  ${f(r.replay)} (conditional: nothing created)`,
      `  bare    ${f(r.bare)}: the same transactions POSTed with fetch alone`,
      `  raw     ${f(r.raw)}: written straight into the server's repository`,
      `  ratio   push/raw ${r.ratio.toFixed(4)}, push/bare ${r.clientRatio.toFixed(2)}`,
      `  stored  ${Object.entries(r.stored)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    ].join('\n') + '\n',
  );
}
