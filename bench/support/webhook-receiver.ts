import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Receipt {
  type: string;
  referralId: string;
  /** When the receiver answered 2xx, by its clock. */
  answeredAt: number;
  bytes: number;
}

/**
 * A partner's webhook endpoint on 127.0.0.1 for benchmarks: verifies each delivery's Standard Webhooks
 * signature, answers 204 to a verified one and 401 to anything else, and keeps one receipt per webhook-id
 * (a redelivery of the same event is answered, not counted twice).
 */
export async function startWebhookReceiver(options: { clock?: () => number } = {}) {
  const clock = options.clock ?? (() => performance.now());
  const receipts = new Map<string, Receipt>();
  let refused = 0;
  let secret: string | undefined;
  let waiting: { type: string; count: number; resolve: () => void } | undefined;
  const counted = (type: string) => [...receipts.values()].filter((r) => r.type === type).length;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  const server = createServer(async (req, res) => {
    const body = await read(req);
    let event: { type: string; data: { referral: { id: string } } };
    try {
      event = new Webhook(secret!).verify(body, req.headers as Record<string, string>) as typeof event;
    } catch {
      refused += 1;
      res.writeHead(401).end();
      return;
    }
    const id = String(req.headers['webhook-id']);
    if (!receipts.has(id)) {
      receipts.set(id, {
        type: event.type,
        referralId: event.data.referral.id,
        answeredAt: clock(),
        bytes: Buffer.byteLength(body),
      });
    }
    res.writeHead(204).end();
    if (waiting && counted(waiting.type) >= waiting.count) waiting.resolve();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    receipts: () => [...receipts.values()],
    /** Deliveries whose signature did not verify. */
    refused: () => refused,
    useSecret: (s: string) => void (secret = s),
    /** Resolves once `count` distinct events of `type` have been answered 2xx. */
    waitFor(type: string, count: number, timeoutMs: number): Promise<void> {
      if (counted(type) >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${counted(type)} of ${count} ${type} events arrived in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiting = {
          type,
          count,
          resolve: () => {
            clearTimeout(timer);
            waiting = undefined;
            resolve();
          },
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
