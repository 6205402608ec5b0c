import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, Patient, Task } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createFhirClient, FhirPullFailed } from '../../../../adapters/fhir/client.ts';
import type { FhirAuth } from '../../../../adapters/fhir/token.ts';
import { systemResolver } from '../../../../adapters/outbound/resolve.ts';
import { FhirPullCursor } from '../../../../schemas/fhir/sync.ts';
import { startFhirServer, type FhirServer } from '../../../support/fhir-server.ts';
import { REFERRAL_SYSTEM, referralBundle } from '../../../support/fhir-bundles.ts';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startFhirServer>[0] = {}): Promise<FhirServer> {
  const s = await startFhirServer(options);
  servers.push(s);
  return s;
}

const client = (baseUrl: string, auth: FhirAuth = { kind: 'none' }, extra: { allowHttpLoopback?: boolean } = {}) =>
  createFhirClient({ baseUrl, auth, resolver: systemResolver, allowHttpLoopback: extra.allowHttpLoopback ?? true });

const count = async (fhir: FhirServer, resourceType: 'Patient' | 'ServiceRequest' | 'Task') =>
  (await fhir.repo.search({ resourceType })).entry?.length ?? 0;

const start = (type: string): FhirPullCursor => ({ resourceType: type, seenAtSince: [] });

async function createTasks(fhir: FhirServer, n: number) {
  const made: Task[] = [];
  for (let i = 0; i < n; i++) {
    made.push(await fhir.repo.createResource<Task>({ resourceType: 'Task', status: 'requested', intent: 'order' }));
  }
  return made;
}

describe('push: transaction Bundles with conditional create and update', () => {
  it('creates each resource once however often the same Bundle is pushed', async () => {
    const fhir = await server();
    const fhirClient = client(fhir.baseUrl);
    const first = await fhirClient.push(referralBundle('per_1', 'ref_1'));
    expect(first).toMatchObject({ kind: 'pushed' });
    expect(first.kind === 'pushed' && first.entries.map((e) => e.status)).toEqual(['201', '201', '201']);
    for (let i = 0; i < 2; i++) {
      const again = await fhirClient.push(referralBundle('per_1', 'ref_1'));
      expect(again.kind === 'pushed' && again.entries.map((e) => e.status.slice(0, 3))).toEqual(['200', '200', '200']);
    }
    expect([await count(fhir, 'Patient'), await count(fhir, 'ServiceRequest'), await count(fhir, 'Task')]).toEqual([
      1, 1, 1,
    ]);
    // The Task points at the ServiceRequest the server stored, not at the Bundle's temporary id.
    const task = (await fhir.repo.search<Task>({ resourceType: 'Task' })).entry![0]!.resource!;
    expect(task.focus?.reference).toMatch(/^ServiceRequest\/[0-9a-f-]+$/);
  });

  it('updates the Patient it keyed by identifier instead of creating a second one', async () => {
    const fhir = await server();
    const fhirClient = client(fhir.baseUrl);
    await fhirClient.push(referralBundle('per_1', 'ref_1', 'Before'));
    await fhirClient.push(referralBundle('per_1', 'ref_1', 'After'));
    const patients = (await fhir.repo.search<Patient>({ resourceType: 'Patient' })).entry!;
    expect(patients.map((e) => e.resource!.name?.[0]?.family)).toEqual(['After']);
  });

  it('reports a server that fails (status and Retry-After) or cannot be reached, for the retry schedule', async () => {
    const fhir = await server();
    fhir.fail(503);
    expect(await client(fhir.baseUrl).push(referralBundle('per_1', 'ref_1'))).toEqual({
      kind: 'failed',
      outcome: { kind: 'response', status: 503, retryAfter: null },
    });
    expect(await count(fhir, 'Task')).toBe(0);
    const port = Number(new URL(fhir.baseUrl).port);
    await fhir.close();
    expect(await client(`http://127.0.0.1:${port}/fhir/R4`).push(referralBundle('per_1', 'ref_1'))).toEqual({
      kind: 'failed',
      outcome: { kind: 'network' },
    });
  });

  it('gives up on a server slower than the timeout', async () => {
    const fhir = await server({ delayMs: 400 });
    const slow = createFhirClient({
      baseUrl: fhir.baseUrl,
      auth: { kind: 'none' },
      resolver: systemResolver,
      allowHttpLoopback: true,
      timeoutMs: 100,
    });
    expect(await slow.push(referralBundle('per_1', 'ref_1'))).toEqual({ kind: 'failed', outcome: { kind: 'timeout' } });
  });
});

describe('pull: _lastUpdated searches with every next link followed', () => {
  it('reads every page and resumes from its cursor with only what changed since', async () => {
    const fhir = await server();
    const fhirClient = client(fhir.baseUrl);
    const made = await createTasks(fhir, 7);
    const first = await fhirClient.pull(start('Task'), { pageSize: 3 });
    expect(first.pages).toBe(3);
    expect(first.resources.map((r) => r.id).sort()).toEqual(made.map((t) => t.id).sort());
    expect(FhirPullCursor.parse(first.cursor)).toEqual(first.cursor);
    expect(fhir.requests.filter((r) => r.url.includes('_offset')).length).toBe(2);

    expect((await fhirClient.pull(first.cursor, { pageSize: 3 })).resources).toEqual([]);

    await new Promise((r) => setTimeout(r, 2));
    const updated = await fhir.repo.updateResource<Task>({ ...made[2]!, status: 'accepted' });
    const added = await createTasks(fhir, 2);
    const second = await fhirClient.pull(first.cursor, { pageSize: 3 });
    expect(second.resources.map((r) => `${r.id}/${r.meta?.versionId}`).sort()).toEqual(
      [updated, ...added].map((r) => `${r.id}/${r.meta?.versionId}`).sort(),
    );
    const searches = fhir.requests.filter((r) => r.method === 'GET');
    expect(searches.at(-1)!.url).toContain(`_lastUpdated=ge${encodeURIComponent(first.cursor.since!)}`);
  });

  it('hands out a version written in the millisecond of the cursor, and none twice', async () => {
    const fhir = await server();
    const fhirClient = client(fhir.baseUrl);
    await createTasks(fhir, 5);
    const all = (await fhirClient.pull(start('Task'))).resources;
    const [boundary] = all;
    const cursor: FhirPullCursor = {
      resourceType: 'Task',
      since: boundary!.meta!.lastUpdated!,
      seenAtSince: [`${boundary!.id}/${boundary!.meta!.versionId}`],
    };
    const sameMs = all.filter((r) => r.meta?.lastUpdated === boundary!.meta!.lastUpdated && r !== boundary);
    const later = all.filter((r) => Date.parse(r.meta!.lastUpdated!) > Date.parse(boundary!.meta!.lastUpdated!));
    const resumed = await fhirClient.pull(cursor);
    expect(resumed.resources.map((r) => r.id).sort()).toEqual([...sameMs, ...later].map((r) => r.id).sort());
  });

  it('stops after maxPages and, pulled again from its cursor, reads the rest exactly once', async () => {
    const fhir = await server();
    const fhirClient = client(fhir.baseUrl);
    const made = await createTasks(fhir, 9);
    let cursor = start('Task');
    const seen: string[] = [];
    for (let round = 0; round < 20; round++) {
      const page = await fhirClient.pull(cursor, { pageSize: 2, maxPages: 1 });
      seen.push(...page.resources.map((r) => r.id!));
      cursor = page.cursor;
      if (page.resources.length === 0) break;
    }
    expect(seen.sort()).toEqual(made.map((t) => t.id).sort());
  });

  it('refuses to follow a paging link off the endpoint, and reports a failed search with the status', async () => {
    const fhir = await server();
    await createTasks(fhir, 3);
    // A server behind another origin (the same server, named differently) whose paging links leave it.
    const renamed = client(fhir.baseUrl.replace('127.0.0.1', 'localhost'), { kind: 'bearer', token: 'secret' });
    await expect(renamed.pull(start('Task'), { pageSize: 1 })).rejects.toMatchObject({
      outcome: { kind: 'refused-address' },
    });
    const sent = fhir.requests.map((r) => r.authorization);
    expect(sent).toEqual(['Bearer secret']);
    fhir.fail(500);
    const failed = await client(fhir.baseUrl)
      .pull(start('Task'))
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(FhirPullFailed);
    expect((failed as FhirPullFailed).outcome).toEqual({ kind: 'response', status: 500, retryAfter: null });
  });
});

describe('auth and outbound URL rules', () => {
  it('sends a static bearer token; without it the server answers 401', async () => {
    const fhir = await server({ token: 'tok_1' });
    expect(await client(fhir.baseUrl).push(referralBundle('per_1', 'ref_1'))).toMatchObject({
      kind: 'failed',
      outcome: { kind: 'response', status: 401 },
    });
    expect(
      await client(fhir.baseUrl, { kind: 'bearer', token: 'tok_1' }).push(referralBundle('per_1', 'ref_1')),
    ).toMatchObject({ kind: 'pushed' });
  });

  it('gets a client-credentials token, keeps it until it expires, and fetches another on a 401', async () => {
    const issued: string[] = [];
    const grants: string[] = [];
    const tokenServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        grants.push(`${req.headers.authorization} ${body}`);
        const token = `tok_${issued.length + 1}`;
        issued.push(token);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      });
    });
    await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise<void>((r) => tokenServer.close(() => r())) });
    const tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
    let now = Date.parse('2026-01-01T00:00:00Z');
    const fhir = await server({ token: () => issued.at(-1) });
    const fhirClient = createFhirClient({
      baseUrl: fhir.baseUrl,
      auth: {
        kind: 'client-credentials',
        tokenUrl,
        clientId: 'relais',
        clientSecret: 's3cret',
        scope: 'system/*.write',
      },
      resolver: systemResolver,
      allowHttpLoopback: true,
      clock: { now: () => new Date(now) },
    });
    expect((await fhirClient.push(referralBundle('per_1', 'ref_1'))).kind).toBe('pushed');
    expect((await fhirClient.push(referralBundle('per_1', 'ref_1'))).kind).toBe('pushed');
    expect(issued).toEqual(['tok_1']);
    expect(grants[0]).toBe(
      `Basic ${Buffer.from('relais:s3cret').toString('base64')} grant_type=client_credentials&scope=system%2F*.write`,
    );
    // The server revokes the token (here: it now wants one not issued yet): a 401, a new token, one retry.
    issued.push('tok_revoked');
    expect((await fhirClient.push(referralBundle('per_1', 'ref_1'))).kind).toBe('pushed');
    expect(issued).toEqual(['tok_1', 'tok_revoked', 'tok_3']);
    // Past its lifetime (less the margin) the token is renewed before it is used.
    now += 3600_000 - 20_000;
    expect((await fhirClient.push(referralBundle('per_1', 'ref_1'))).kind).toBe('pushed');
    expect(issued).toHaveLength(4);
    expect(fhir.requests.map((r) => r.authorization)).toEqual([
      'Bearer tok_1',
      'Bearer tok_1',
      'Bearer tok_1',
      'Bearer tok_3',
      'Bearer tok_4',
    ]);
  });

  it('holds the endpoint to the webhook URL rules: https, public addresses, nothing sent otherwise', async () => {
    const fhir = await server();
    const refused = { kind: 'failed', outcome: { kind: 'refused-address' } };
    // Plain http to loopback only where the local runtime allows it, as for webhooks.
    expect(
      await client(fhir.baseUrl, { kind: 'none' }, { allowHttpLoopback: false }).push(referralBundle('p', 'r')),
    ).toEqual(refused);
    const privateHost = createFhirClient({
      baseUrl: 'https://fhir.partner.example/R4',
      auth: { kind: 'bearer', token: 't' },
      resolver: { resolve: async () => ['10.1.2.3'] },
      allowHttpLoopback: false,
    });
    expect(await privateHost.push(referralBundle('p', 'r'))).toEqual(refused);
    await expect(privateHost.pull(start('Task'))).rejects.toMatchObject({ outcome: { kind: 'refused-address' } });
    const plainHttp = createFhirClient({
      baseUrl: 'http://fhir.partner.example/R4',
      auth: { kind: 'none' },
      resolver: { resolve: async () => ['203.0.113.9'] },
      allowHttpLoopback: true,
    });
    expect(await plainHttp.push(referralBundle('p', 'r'))).toEqual(refused);
    // A token URL is held to the same rules: the client secret never goes to a private address.
    const privateToken = createFhirClient({
      baseUrl: fhir.baseUrl,
      auth: { kind: 'client-credentials', tokenUrl: 'http://169.254.169.254/token', clientId: 'c', clientSecret: 's' },
      resolver: systemResolver,
      allowHttpLoopback: true,
    });
    expect(await privateToken.push(referralBundle('p', 'r'))).toEqual(refused);
    expect(fhir.requests).toEqual([]);
  });
});

describe('the fixture server', () => {
  it('reads, searches by identifier and updates a Task over HTTP, each update a new version', async () => {
    const fhir = await server({ token: 'tok' });
    await client(fhir.baseUrl, { kind: 'bearer', token: 'tok' }).push(referralBundle('per_1', 'ref_9'));
    const kit = new Client({ baseUrl: fhir.baseUrl, bearerToken: 'tok' });
    const found = (await kit.search({
      resourceType: 'Task',
      searchParams: { identifier: `${REFERRAL_SYSTEM}|ref_9/task` },
    })) as unknown as Bundle<Task>;
    expect(found.entry).toHaveLength(1);
    const task = found.entry![0]!.resource!;
    const read = (await kit.read({ resourceType: 'Task', id: task.id! })) as unknown as Task;
    expect(read.status).toBe('requested');
    const updated = (await kit.update({
      resourceType: 'Task',
      id: task.id!,
      body: { ...read, status: 'accepted' } as never,
    })) as unknown as Task;
    expect(updated.status).toBe('accepted');
    expect(updated.meta?.versionId).not.toBe(read.meta?.versionId);
    const history = (await kit.history({ resourceType: 'Task', id: task.id! })) as unknown as Bundle<Task>;
    expect(history.entry!.map((e) => e.resource!.status)).toEqual(['accepted', 'requested']);
    await expect(
      new Client({ baseUrl: fhir.baseUrl }).read({ resourceType: 'Task', id: task.id! }),
    ).rejects.toMatchObject({
      response: { status: 401 },
    });
  });
});
