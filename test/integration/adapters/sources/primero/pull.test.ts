import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrimeroApiError, PrimeroClient } from '../../../../../adapters/sources/primero/client.ts';
import { OutboundUrlRefused, jsonTransport } from '../../../../../adapters/sources/primero/http.ts';
import { CaseWithoutTimestamp, pullCases } from '../../../../../adapters/sources/primero/pull.ts';
import type { PrimeroCase } from '../../../../../adapters/sources/primero/client.ts';
import { systemResolver } from '../../../../../adapters/outbound/resolve.ts';
import { type PrimeroServer, startPrimeroServer } from '../../../../support/primero-server.ts';

let server: PrimeroServer;
beforeEach(async () => {
  server = await startPrimeroServer();
});
afterEach(() => server.close());

const transport = jsonTransport({ resolver: systemResolver, allowHttpLoopback: true });
const clientFor = (s: PrimeroServer, clock?: { now: () => Date }) =>
  new PrimeroClient(s.url, { user: s.user, password: s.password }, transport, clock);

function seed(s: PrimeroServer, n: number, stamp: (i: number) => string) {
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    s.cases.set(id, {
      id,
      case_id_display: id.slice(-7),
      name_first: `Enfant${i}`,
      sex: i % 2 ? 'male' : 'female',
      status: 'open',
      created_at: stamp(i),
      last_updated_at: stamp(i),
    });
  }
}

const sinkInto = (into: PrimeroCase[]) => async (payloads: Array<{ data: PrimeroCase }>) => {
  into.push(...payloads.map((p) => p.data));
};

describe('pulling Primero cases', () => {
  it('follows the pages to the end, oldest change first, with last_updated_at, order_by and per ≤ 1000', async () => {
    seed(server, 10, (i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    const got: PrimeroCase[] = [];
    const result = await pullCases({ client: clientFor(server), per: 3, sink: sinkInto(got) });
    expect(got.map((c) => c.name_first)).toEqual(Array.from({ length: 10 }, (_, i) => `Enfant${i}`));
    expect(result.pulled).toBe(10);
    expect(result.cursor.since).toBe('2026-01-01T00:00:09.000Z');
    const lists = server.log.filter((l) => l.path === '/api/v2/cases');
    for (const l of lists) {
      expect(l.query.get('last_updated_at')).toMatch(/^\d{4}-.*\.\.9999-12-31T23:59:59\.999Z$/);
      expect(l.query.get('order_by')).toBe('last_updated_at');
      expect(l.query.get('order')).toBe('asc');
      expect(Number(l.query.get('per'))).toBeLessThanOrEqual(1000);
    }

    const capped = await pullCases({ client: clientFor(server), per: 5000, sink: async () => {} }).catch((e) => e);
    expect(capped.pulled).toBe(10);
    expect(server.log.at(-1)!.query.get('per')).toBe('1000');
  });

  it('takes the cases at the cursor once: ties re-listed by the inclusive filter are recognised, an updated one is new', async () => {
    const tie = '2026-02-01T08:00:00.250Z';
    seed(server, 3, () => tie);
    seed(server, 2, (i) => `2026-02-01T08:00:00.${100 + i}Z`); // earlier in the same second
    const got: PrimeroCase[] = [];
    const first = await pullCases({ client: clientFor(server), per: 10, sink: sinkInto(got) });
    expect(got).toHaveLength(5);
    expect(first.cursor).toEqual({ since: tie, seen: Object.fromEntries(got.map((c) => [c.id, c.last_updated_at])) });

    // Primero cuts the bound to the second: all five come back, and none is taken again.
    const again: PrimeroCase[] = [];
    const second = await pullCases({ client: clientFor(server), cursor: first.cursor, per: 10, sink: sinkInto(again) });
    expect(again).toEqual([]);
    expect(second.alreadyHad).toBe(5);

    const touched = got[1]!;
    server.cases.get(touched.id)!.last_updated_at = '2026-02-01T09:30:00.000Z';
    const third: PrimeroCase[] = [];
    const after = await pullCases({ client: clientFor(server), cursor: second.cursor, per: 10, sink: sinkInto(third) });
    expect(third.map((c) => c.id)).toEqual([touched.id]);
    // The new second's set holds that case alone: the old ties are not carried forever.
    expect(after.cursor.seen).toEqual({ [touched.id]: '2026-02-01T09:30:00.000Z' });
  });

  it('gets past a second holding more cases than a page, listing that second whole, once', async () => {
    seed(server, 7, (i) => `2026-02-01T08:00:00.${String(100 + i * 10)}Z`);
    seed(server, 1, () => '2026-02-01T08:00:01.000Z'); // the next second's first instant, inside the window
    seed(server, 2, (i) => `2026-02-01T08:00:0${2 + i}.000Z`);
    const got: PrimeroCase[] = [];
    const first = await pullCases({ client: clientFor(server), per: 3, sink: sinkInto(got) });
    expect(got).toHaveLength(10);
    expect(new Set(got.map((c) => c.id)).size).toBe(10);
    expect(first.cursor.since).toBe('2026-02-01T08:00:03.000Z');
    const windows = server.log.filter((l) => l.query.get('last_updated_at')?.endsWith('..2026-02-01T08:00:01.000Z'));
    expect(windows.length).toBeGreaterThan(0);

    const again: PrimeroCase[] = [];
    await pullCases({ client: clientFor(server), cursor: first.cursor, per: 3, sink: sinkInto(again) });
    expect(again).toEqual([]);
  });

  it('restarts the listing of a crowded second when a case in it is updated meanwhile, missing none', async () => {
    seed(server, 9, () => '2026-02-01T08:00:00.500Z');
    seed(server, 1, () => '2026-02-01T08:00:05.000Z');
    server.setNow(new Date('2026-02-01T10:00:00.000Z'));
    const ids = new Set<string>();
    let edits = 0;
    const result = await pullCases({
      client: clientFor(server),
      per: 3,
      sink: async (payloads) => {
        for (const p of payloads) ids.add(p.data.id);
        // A case already read is edited in Primero: with page numbers alone, an unseen one would shift back.
        if (edits++ < 2) server.cases.get(payloads[0]!.data.id)!.last_updated_at = `2026-02-01T10:00:0${edits}.000Z`;
      },
    });
    expect(ids.size).toBe(10);
    expect(result.cursor.since).toBe('2026-02-01T10:00:02.000Z');
  });

  it('misses no case when cases already read are updated while the pull runs', async () => {
    seed(server, 12, (i) => new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString());
    const ids = new Set<string>();
    let page = 0;
    server.setNow(new Date(Date.UTC(2026, 0, 3)));
    await pullCases({
      client: clientFor(server),
      per: 4,
      sink: async (payloads) => {
        for (const p of payloads) ids.add(p.data.id);
        // Someone edits the first case of each page in Primero as Relais reads on.
        const edited = server.cases.get(payloads[0]!.data.id)!;
        if (page++ < 3) edited.last_updated_at = new Date(Date.UTC(2026, 0, 3, 0, page)).toISOString();
      },
    });
    expect(ids.size).toBe(12);
  });

  it('refuses a listed case without last_updated_at rather than pulling it forever', async () => {
    const hidden = await startPrimeroServer({ hiddenFields: ['last_updated_at'] });
    try {
      seed(hidden, 2, () => '2026-01-01T00:00:00.000Z');
      await expect(pullCases({ client: clientFor(hidden), sink: async () => {} })).rejects.toBeInstanceOf(
        CaseWithoutTimestamp,
      );
    } finally {
      await hidden.close();
    }
  });

  it('does not move the cursor past a page the sink failed to take in', async () => {
    seed(server, 6, (i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
    const kept: string[] = [];
    let calls = 0;
    const failing = pullCases({
      client: clientFor(server),
      per: 2,
      sink: async () => {
        if (++calls === 2) throw new Error('ingestion down');
      },
      onPage: ({ cursor }) => void kept.push(cursor.since),
    });
    await expect(failing).rejects.toThrow('ingestion down');
    expect(kept).toEqual(['2026-01-01T00:00:01.000Z']);
  });
});

describe('the Primero client', () => {
  it('logs in once, refreshes the token with the documented re-issue before expiry, and logs in again on 401', async () => {
    const short = await startPrimeroServer({ tokenLifetimeMs: 5 * 60_000 });
    try {
      seed(short, 1, () => '2026-01-01T00:00:00.000Z');
      let now = new Date('2026-05-01T10:00:00Z');
      short.setNow(now);
      const client = clientFor(short, { now: () => now });
      await client.listCases({});
      await client.listCases({});
      expect(client.stats).toMatchObject({ logins: 1, refreshes: 0 });
      now = new Date('2026-05-01T10:04:00Z'); // within the refresh margin of a 5-minute token
      short.setNow(now);
      await client.listCases({});
      expect(client.stats).toMatchObject({ logins: 1, refreshes: 1 });
      const refresh = short.log.filter((l) => l.path === '/api/v2/tokens');
      expect(refresh).toHaveLength(2);

      short.revokeTokens();
      const page = await client.listCases({});
      expect(page.data).toHaveLength(1);
      expect(client.stats).toMatchObject({ logins: 2 });

      now = new Date('2026-05-01T11:00:00Z'); // long expired: no refresh possible, credentials again
      short.setNow(now);
      await client.listCases({});
      expect(client.stats.logins).toBe(3);
    } finally {
      await short.close();
    }
  });

  it("reports Primero's refusals with status and message, and wrong credentials as 401", async () => {
    const wrong = new PrimeroClient(server.url, { user: server.user, password: 'nope' }, transport);
    const refused = await wrong.listCases({}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PrimeroApiError);
    expect(refused).toMatchObject({ status: 401, problems: [{ message: 'Invalid User name or password.' }] });
    expect((refused as Error).message).not.toContain('nope');

    server.failNext('/api/v2/cases', 403);
    const forbidden = await clientFor(server)
      .listCases({})
      .catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ status: 403, resource: '/api/v2/cases', problems: [{ message: 'Forbidden' }] });
  });

  it('keeps to the webhook outbound rules: no plain http to loopback unless allowed, no credentials in the URL', async () => {
    const strict = jsonTransport({ resolver: systemResolver, allowHttpLoopback: false });
    const client = new PrimeroClient(server.url, { user: server.user, password: server.password }, strict);
    const refused = await client.listCases({}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundUrlRefused);
    expect((refused as OutboundUrlRefused).codes).toEqual(['not-https']);
    const https = new PrimeroClient(
      'https://10.0.0.8',
      { user: 'u', password: 'p' },
      jsonTransport({ resolver: systemResolver, allowHttpLoopback: false }),
    );
    expect(((await https.listCases({}).catch((e: unknown) => e)) as OutboundUrlRefused).codes).toEqual([
      'private-address',
    ]);
    expect(server.log).toHaveLength(0);
  });
});
