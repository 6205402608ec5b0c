import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  id: string;
  type: string;
  body: any;
  verified: boolean;
}

/**
 * A partner's webhook endpoint on 127.0.0.1 for tests: verifies each delivery's Standard Webhooks
 * signature with the secret it is given, keeps what it received, and answers the statuses it is told to.
 */
export async function startWebhookReceiver() {
  const received: ReceivedEvent[] = [];
  let secret: string | undefined;
  let answers: number[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => resolve(text));
    });
  const server = createServer(async (req, res) => {
    const body = await read(req);
    let verified = false;
    try {
      new Webhook(secret!).verify(body, req.headers as Record<string, string>);
      verified = true;
    } catch {
      verified = false;
    }
    const status = answers.shift() ?? 204;
    if (status < 300) {
      const parsed = JSON.parse(body);
      received.push({ id: String(req.headers['webhook-id']), type: parsed.type, body: parsed, verified });
    }
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    useSecret: (s: string) => (secret = s),
    /** Statuses for the next deliveries, then 204. */
    answer: (...statuses: number[]) => (answers = statuses),
    async waitFor(count: number, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
