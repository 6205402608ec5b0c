import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { vetOutboundUrl } from '../../../core/delivery/outbound-url.ts';
import type { Resolver } from '../../../core/delivery/ports.ts';
import { pinnedLookup } from '../../outbound/webhook-sender.ts';

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface JsonAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body; undefined for an empty body (204) or one that is not JSON. */
  body: unknown;
}

export interface JsonTransportOptions {
  resolver: Resolver;
  /** Tests and the local demo only, exactly as for webhooks (core/delivery/outbound-url.ts). */
  allowHttpLoopback: boolean;
  timeoutMs?: number;
  /** A page of 1000 cases is a few megabytes; far more is not an answer of Primero's. */
  maxResponseBytes?: number;
}

/** Refused before any connection: the URL breaks the outbound rules. Names the host only, never the path. */
export class OutboundUrlRefused extends Error {
  constructor(readonly codes: string[]) {
    super(`outbound URL refused: ${codes.join(', ')}`);
    this.name = 'OutboundUrlRefused';
  }
}

/** The connection failed, timed out, or the answer was too large: no HTTP status to act on. */
export class TransportError extends Error {
  constructor(readonly reason: 'network' | 'timeout' | 'too-large') {
    super(`Primero request failed: ${reason}`);
    this.name = 'TransportError';
  }
}

export type JsonTransport = (request: JsonRequest) => Promise<JsonAnswer>;

/**
 * JSON over HTTP to a partner's server under the webhook outbound rules: the URL is vetted right before
 * each request and the socket goes to the vetted address only (the same guard and pinned lookup as the
 * webhook sender). node:http rather than fetch, because fetch cannot pin the address it connects to.
 * Redirects are never followed.
 */
export function jsonTransport(options: JsonTransportOptions): JsonTransport {
  // A page of 1000 cases can take Primero a while to build: two minutes before giving up on an answer.
  const { timeoutMs = 120_000, maxResponseBytes = 64 * 1024 * 1024 } = options;
  return async (request) => {
    const vetted = await vetOutboundUrl(request.url, options.resolver, {
      allowHttpLoopback: options.allowHttpLoopback,
    });
    if (!vetted.ok) throw new OutboundUrlRefused(vetted.issues.map((i) => i.code));
    const address = vetted.addresses[0]!;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const url = vetted.url;
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    return new Promise<JsonAnswer>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request({
        method: request.method,
        host,
        servername: isIP(host) ? undefined : host,
        port: url.port || undefined,
        path: url.pathname + url.search,
        headers: {
          accept: 'application/json',
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
            : {}),
          ...request.headers,
        },
        lookup: pinnedLookup(address),
        agent: false,
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new TransportError('timeout'));
      }, timeoutMs);
      req.on('error', () => {
        clearTimeout(timer);
        reject(new TransportError('network'));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            clearTimeout(timer);
            req.destroy();
            reject(new TransportError('too-large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on('error', () => {
          clearTimeout(timer);
          reject(new TransportError('network'));
        });
      });
      req.end(body);
    });
  };
}
