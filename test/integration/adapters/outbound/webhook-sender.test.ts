import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { vetOutboundUrl } from '../../../../core/delivery/outbound-url.ts';
import type { Resolver } from '../../../../core/delivery/ports.ts';
import { classifyResponse } from '../../../../core/delivery/retry-schedule.ts';
import { systemResolver } from '../../../../adapters/outbound/resolve.ts';
import { sendWebhook, type SendWebhookInput } from '../../../../adapters/outbound/webhook-sender.ts';

const SECRET = 'whsec_' + Buffer.from('a test secret of thirty-two bytes').toString('base64');
const BODY = JSON.stringify({ type: 'referral.created', data: { referralId: 'ref_01' } });

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  localAddress: string | undefined;
}

/** A real receiver on 127.0.0.1 (or another loopback address) that counts connections and keeps requests. */
async function startReceiver(
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  { host = '127.0.0.1', port = 0 } = {},
) {
  const requests: Received[] = [];
  let connections = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      localAddress: req.socket.localAddress,
    });
    respond(req, res);
  });
  server.on('connection', () => connections++);
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  const receiver = {
    port: bound,
    requests,
    connections: () => connections,
    url: (path = '/hooks/relais', hostname = '127.0.0.1') => `http://${hostname}:${bound}${path}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  opened.push(receiver);
  return receiver;
}

const opened: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
});

/** A resolver that gives its answers in turn (the last one from then on), counting its queries. */
function resolverAnswering(...answers: string[][]) {
  let queries = 0;
  const resolver: Resolver = {
    async resolve() {
      const answer = answers[Math.min(queries, answers.length - 1)]!;
      queries++;
      return answer;
    },
  };
  return { resolver, queries: () => queries };
}

const send = (input: Partial<SendWebhookInput> & { url: string }) =>
  sendWebhook({
    secret: SECRET,
    messageId: 'msg_2xyz',
    timestamp: new Date(),
    body: BODY,
    resolver: systemResolver,
    allowHttpLoopback: true,
    ...input,
  });

describe('sendWebhook, against a real receiver on 127.0.0.1', () => {
  it('delivers a body the receiver verifies with Standard Webhooks, with the Relais headers', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    const timestamp = new Date();
    const outcome = await send({ url: receiver.url(), timestamp, messageId: 'msg_verify' });

    expect(outcome).toMatchObject({ kind: 'response', status: 204 });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(classifyResponse(outcome, timestamp)).toEqual({ kind: 'delivered' });
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hooks/relais');
    expect(request?.body).toBe(BODY);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('Relais-Webhooks/1');
    expect(request?.headers['webhook-id']).toBe('msg_verify');
    expect(request?.headers['webhook-timestamp']).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(
      new Webhook(SECRET).verify(request!.body, {
        'webhook-id': String(request?.headers['webhook-id']),
        'webhook-timestamp': String(request?.headers['webhook-timestamp']),
        'webhook-signature': String(request?.headers['webhook-signature']),
      }),
    ).toEqual(JSON.parse(BODY));
    expect(() =>
      new Webhook('whsec_' + Buffer.from('another secret entirely, 32 byte').toString('base64')).verify(
        request!.body,
        request!.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('returns 410 Gone as a response the schedule turns into disabling the endpoint', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(410).end('gone'));
    const outcome = await send({ url: receiver.url() });
    expect(outcome).toMatchObject({ kind: 'response', status: 410 });
    expect(classifyResponse(outcome, new Date())).toEqual({ kind: 'gone' });
  });

  it('returns 503 with its Retry-After', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(503, { 'retry-after': '120' }).end());
    const outcome = await send({ url: receiver.url() });
    expect(outcome).toMatchObject({ kind: 'response', status: 503, retryAfter: '120' });
    expect(classifyResponse(outcome, new Date())).toEqual({ kind: 'retry', retryAfterSeconds: 120 });
  });

  it('does not follow a 302: it is returned as the answer, a failure, and the target is never asked', async () => {
    const receiver = await startReceiver((req, res) =>
      req.url === '/hooks/relais'
        ? res.writeHead(302, { location: `http://127.0.0.1:${receiver.port}/elsewhere` }).end()
        : res.writeHead(200).end(),
    );
    const outcome = await send({ url: receiver.url() });
    expect(outcome).toMatchObject({ kind: 'response', status: 302 });
    expect(classifyResponse(outcome, new Date())).toEqual({ kind: 'retry' });
    expect(receiver.requests.map((r) => r.url)).toEqual(['/hooks/relais']);
  });

  it('gives up on a slow receiver after timeoutMs: timeout', async () => {
    const receiver = await startReceiver(() => {
      /* never answers; the receiver's close ends the connection */
    });
    const outcome = await send({ url: receiver.url(), timeoutMs: 200 });
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expect(receiver.connections()).toBe(1);
  });

  it('reports a refused connection as a network failure', async () => {
    const receiver = await startReceiver((_req, res) => res.end());
    const url = receiver.url();
    await receiver.close();
    expect(await send({ url })).toMatchObject({ kind: 'network' });
  });

  it(
    'reads at most 64 KiB of an answer that never ends, then drops the connection and keeps the status',
    { timeout: 5_000 },
    async () => {
      let dropped = false;
      const receiver = await startReceiver((req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (!dropped && res.write(chunk));
        };
        res.on('drain', pump);
        req.socket.on('close', () => (dropped = true));
        pump();
      });
      // Far longer than the test may take: only the size limit can end this attempt in time.
      const outcome = await send({ url: receiver.url(), timeoutMs: 60_000 });
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
      await expect.poll(() => dropped).toBe(true);
    },
  );

  it('refuses the same URL without connecting when the loopback setting is off: refused-address', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    const outcome = await send({ url: receiver.url(), allowHttpLoopback: false });
    expect(outcome).toMatchObject({ kind: 'refused-address' });
    expect(receiver.connections()).toBe(0);
  });

  it('refuses at delivery a name that resolved to a public address at configuration and now to 127.0.0.1', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    const { resolver, queries } = resolverAnswering(['93.184.216.34'], ['127.0.0.1']);
    const url = `https://partner.example:${receiver.port}/hooks/relais`;

    expect(await vetOutboundUrl(url, resolver, { allowHttpLoopback: false })).toMatchObject({ ok: true });
    const outcome = await send({ url, resolver, allowHttpLoopback: false });

    expect(outcome).toMatchObject({ kind: 'refused-address' });
    expect(queries()).toBe(2);
    expect(receiver.connections()).toBe(0);
  });

  it('connects only to the vetted address: a different answer on a second query is never asked for', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    // Same port, another loopback address: where a second DNS query would send the delivery.
    const rogue = await startReceiver((_req, res) => res.writeHead(204).end(), {
      host: '127.0.0.2',
      port: receiver.port,
    });
    const { resolver, queries } = resolverAnswering(['127.0.0.1'], ['127.0.0.2']);

    const outcome = await send({ url: receiver.url('/hooks/relais', 'receiver.test'), resolver });

    expect(outcome).toMatchObject({ kind: 'response', status: 204 });
    expect(queries()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.localAddress).toBe('127.0.0.1');
    // The pin changes the socket's address only: the receiver still sees its own name.
    expect(receiver.requests[0]?.headers.host).toBe(`receiver.test:${receiver.port}`);
    expect(rogue.connections()).toBe(0);
  });

  it('keeps the connection for the next event to the same vetted address', async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    for (let i = 0; i < 3; i++) expect(await send({ url: receiver.url() })).toMatchObject({ status: 204 });
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.connections()).toBe(1);
  });

  it('never sends on a kept connection to an address the name no longer resolves to', async () => {
    const first = await startReceiver((_req, res) => res.writeHead(204).end());
    const moved = await startReceiver((_req, res) => res.writeHead(204).end(), { host: '127.0.0.2', port: first.port });
    const { resolver } = resolverAnswering(['127.0.0.1'], ['127.0.0.2']);
    const url = first.url('/hooks/relais', 'moving.test');
    expect(await send({ url, resolver })).toMatchObject({ status: 204 });
    expect(await send({ url, resolver })).toMatchObject({ status: 204 });
    expect(first.requests).toHaveLength(1);
    expect(moved.requests).toHaveLength(1);
  });

  it('sends once more, on a new connection, when the receiver drops a kept one as it is reused', async () => {
    const served = new WeakSet<object>();
    const receiver = await startReceiver((req, res) => {
      // The receiver's side of the race: it closes an idle connection just as the next event comes on it.
      if (served.has(req.socket)) return req.socket.destroy();
      served.add(req.socket);
      res.writeHead(204).end();
    });
    expect(await send({ url: receiver.url() })).toMatchObject({ status: 204 });
    expect(await send({ url: receiver.url() })).toMatchObject({ status: 204 });
    expect(receiver.connections()).toBe(2);
  });
});
