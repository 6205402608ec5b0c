import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vetOutboundUrl } from '../../core/delivery/outbound-url.ts';
import type { Resolver } from '../../core/delivery/ports.ts';
import type { DeliveryOutcome } from '../../schemas/api/deliveries.ts';

export interface SendWebhookInput {
  url: string;
  /** The endpoint's Standard Webhooks secret, `whsec_…`. */
  secret: string;
  /** Stable across the retries of one event: the receiver deduplicates on it. */
  messageId: string;
  timestamp: Date;
  /** The JSON text to send, signed exactly as sent. */
  body: string;
  /** For the whole attempt: resolving, connecting, sending and the answer's headers. */
  timeoutMs?: number;
  resolver: Resolver;
  /** The local runtime's demo and test setting only (see core/delivery/outbound-url.ts). */
  allowHttpLoopback: boolean;
}

export type SendOutcome = DeliveryOutcome & { durationMs: number };

export const USER_AGENT = 'Relais-Webhooks/1';

/** What is read of an answer before the connection is dropped: receivers owe us a status, not a body. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One signed delivery attempt. The URL is vetted right before connecting, and the connection goes to the
 * vetted address and nowhere else: a DNS answer that changes between the check and the connection (DNS
 * rebinding) cannot redirect the delivery. Redirects are never followed. The answer's body is read up to
 * 64 KiB and discarded, never logged. A connection left open by the receiver is used again for its next
 * event to the same vetted address (see `agentFor`).
 */
export async function sendWebhook(input: SendWebhookInput): Promise<SendOutcome> {
  const { timeoutMs = 15_000 } = input;
  const started = performance.now();
  const elapsed = () => Math.max(0, performance.now() - started);
  const vetted = await within(
    vetOutboundUrl(input.url, input.resolver, { allowHttpLoopback: input.allowHttpLoopback }),
    timeoutMs,
  );
  if (vetted === 'timeout') return { kind: 'timeout', durationMs: elapsed() };
  const address = vetted.ok ? vetted.addresses[0] : undefined;
  if (!vetted.ok || address === undefined) return { kind: 'refused-address', durationMs: elapsed() };
  const outcome = await post(vetted.url, address, signedHeaders(input), input.body, timeoutMs - elapsed());
  return { ...outcome, durationMs: elapsed() };
}

function signedHeaders({ secret, messageId, timestamp, body }: SendWebhookInput): http.OutgoingHttpHeaders {
  return {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'user-agent': USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
  };
}

/** Answers every lookup with the vetted address, so the socket cannot go anywhere else. */
export function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address) === 6 ? 6 : 4;
  return (_hostname, options, callback) => {
    // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily): there is one.
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** Receivers whose connections are kept, at most; past it the oldest pool is closed. */
const MAX_POOLS = 100;
const pools = new Map<string, http.Agent>();

/**
 * The connections kept open to one vetted address for one URL origin. A receiver gets a referral's events
 * one after another, and a new TCP (on AWS, TLS) connection for each costs more than the event. A pool
 * holds sockets to its address only, so a socket opened to one vetted address never carries a delivery
 * vetted to another: after a DNS change the next delivery opens a new pool. Idle sockets close as the
 * receiver's Keep-Alive header says (Node's agent ends them before the receiver does).
 */
function agentFor(url: URL, address: string): http.Agent {
  const key = `${url.protocol}//${address}/${url.host}`;
  let agent = pools.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4 };
    agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, agent);
    if (pools.size > MAX_POOLS) {
      const [oldest, pool] = pools.entries().next().value!;
      pools.delete(oldest);
      pool.destroy();
    }
  }
  return agent;
}

async function post(
  url: URL,
  address: string,
  headers: http.OutgoingHttpHeaders,
  body: string,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const first = await postOnce(url, address, headers, body, timeoutMs, agentFor(url, address));
  // A kept connection the receiver closed as it was reused: nothing was received, so it is sent once more
  // on a new connection, within the same time budget, rather than counted as a failed attempt.
  if (first !== 'stale-connection') return first;
  const outcome = await postOnce(url, address, headers, body, timeoutMs - (performance.now() - started), false);
  return outcome === 'stale-connection' ? { kind: 'network' } : outcome;
}

function postOnce(
  url: URL,
  address: string,
  headers: http.OutgoingHttpHeaders,
  body: string,
  timeoutMs: number,
  agent: http.Agent | false,
): Promise<DeliveryOutcome | 'stale-connection'> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return new Promise((resolve) => {
    let answered: DeliveryOutcome | undefined;
    let settled = false;
    // `keep`: the answer was read to its end, and the connection may carry the next event.
    const settle = (outcome: DeliveryOutcome | 'stale-connection', keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!keep) request.destroy();
      resolve(outcome);
    };
    const request = (url.protocol === 'https:' ? https : http).request({
      method: 'POST',
      // Host header and TLS name stay the URL's; only the socket's address is pinned.
      host,
      servername: isIP(host) ? undefined : host,
      port: url.port || undefined,
      path: url.pathname + url.search,
      headers,
      lookup: pinnedLookup(address),
      agent,
    });
    // Once the status is in, a slow body does not turn the answer into a timeout.
    const timer = setTimeout(() => settle(answered ?? { kind: 'timeout' }), Math.max(0, timeoutMs));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const stale = request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      settle(answered ?? (stale ? 'stale-connection' : { kind: 'network' }));
    });
    request.on('response', (response) => {
      const retryAfter = response.headers['retry-after'] ?? null;
      answered = { kind: 'response', status: response.statusCode ?? 0, retryAfter };
      const outcome = answered;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) settle(outcome);
      });
      response.on('end', () => settle(outcome, true));
      response.on('error', () => settle(outcome));
      response.on('close', () => settle(outcome));
    });
    request.end(body);
  });
}

/** The promise's value, or 'timeout' when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
