import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Demo } from './demo.ts';

const ORGANISATIONS = { espoir: 'org_espoir-kolwezi', divas: 'org_divas-lualaba' } as const;

/**
 * The demo's webhook endpoints, one path per demo organisation, in one small process: it points each
 * organisation's delivery channel here (http on loopback, which only the local runtime allows), verifies
 * every delivery's Standard Webhooks signature and prints what arrived. Signing secrets are shown once when
 * a channel is first set, so they are kept in .relais/demo-receiver.json for the next run.
 */
export async function startDemoReceiver(options: {
  url: string;
  dataDir: string;
  demo: Demo;
  port: number;
  print: (line: string) => void;
  messages: {
    listening: (url: string) => string;
    event: (org: string, type: string, verified: boolean) => string;
    noSecret: (org: string) => string;
  };
}) {
  const secretsFile = join(options.dataDir, 'demo-receiver.json');
  const secrets: Record<string, string> = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const slug = (req.url ?? '').split('/').pop() as keyof typeof ORGANISATIONS;
      const secret = secrets[slug];
      let verified = false;
      try {
        new Webhook(secret ?? 'whsec_').verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      let parsed: { type?: string } = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        /* printed as received */
      }
      options.print(options.messages.event(slug, parsed.type ?? '?', verified));
      options.print(JSON.stringify(parsed, null, 2));
      // A delivery that does not verify is refused, as a real receiver would; Relais retries it later.
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [slug, organisationId] of Object.entries(ORGANISATIONS)) {
    const admin = options.demo.keys.find((k) => k.organisationId === organisationId && k.roles.includes('admin'))!;
    const res = await fetch(`${options.url}/v1/admin/delivery-channel`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-api-key': admin.token },
      body: JSON.stringify({ kind: 'webhook', url: `${base}/${slug}`, events: 'full' }),
    });
    const answer = (await res.json()) as { signingSecret?: string; detail?: string };
    if (!res.ok) throw new Error(answer.detail ?? `PUT /v1/admin/delivery-channel answered ${res.status}`);
    if (answer.signingSecret) secrets[slug] = answer.signingSecret;
    if (!secrets[slug]) throw new Error(options.messages.noSecret(slug));
  }
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  options.print(options.messages.listening(base));
  return { url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
