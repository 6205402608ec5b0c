import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Demo } from './demo.ts';

const ORGANISATIONS = { espoir: 'org_espoir-kolwezi', divas: 'org_divas-lualaba' } as const;

/** Where the demo's webhook secrets are kept, by organisation slug: shown once by the API, needed at every delivery. */
export const receiverSecretsFile = (dataDir: string) => join(dataDir, 'demo-receiver.json');

export function readReceiverSecrets(dataDir: string): Record<string, string> {
  const file = receiverSecretsFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** Adds a secret to the file, keeping the others (the `demo receiver` command and `relais serve` share it). */
export function saveReceiverSecret(dataDir: string, slug: string, secret: string): void {
  const secrets = { ...readReceiverSecrets(dataDir), [slug]: secret };
  writeFileSync(receiverSecretsFile(dataDir), JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
}

export type DemoSlug = keyof typeof ORGANISATIONS;
export const demoOrganisationOf = (slug: DemoSlug) => ORGANISATIONS[slug];

/**
 * A webhook endpoint per demo organisation (`/<slug>`): verifies each delivery's Standard Webhooks signature
 * with the secret `secrets` holds for that organisation at the time, answers 204, or 401 when it does not
 * verify (as a real receiver would; Relais retries it later), and hands what arrived to `received`.
 */
export async function listenForDeliveries(options: {
  port: number;
  secrets: Record<string, string>;
  received: (slug: string, body: string, verified: boolean) => void;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const slug = (req.url ?? '').split('/').pop() ?? '';
      let verified = false;
      try {
        new Webhook(options.secrets[slug] ?? 'whsec_').verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      options.received(slug, body, verified);
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Points an organisation's delivery channel at `url` (PUT /v1/admin/delivery-channel with its admin key);
 * the signing secret, shown only when a channel is first set, is kept in the secrets file.
 */
export async function pointChannel(options: {
  relaisUrl: string;
  dataDir: string;
  demo: Demo;
  slug: DemoSlug;
  url: string;
}): Promise<string | undefined> {
  const organisationId = ORGANISATIONS[options.slug];
  const admin = options.demo.keys.find((k) => k.organisationId === organisationId && k.roles.includes('admin'))!;
  const res = await fetch(`${options.relaisUrl}/v1/admin/delivery-channel`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-api-key': admin.token },
    body: JSON.stringify({ kind: 'webhook', url: options.url, events: 'full' }),
  });
  const answer = (await res.json()) as { signingSecret?: string; detail?: string };
  if (!res.ok) throw new Error(answer.detail ?? `PUT /v1/admin/delivery-channel answered ${res.status}`);
  if (answer.signingSecret) saveReceiverSecret(options.dataDir, options.slug, answer.signingSecret);
  return readReceiverSecrets(options.dataDir)[options.slug];
}

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
  const secrets: Record<string, string> = readReceiverSecrets(options.dataDir);
  const listener = await listenForDeliveries({
    port: options.port,
    secrets,
    received: (slug, body, verified) => {
      let parsed: { type?: string } = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        /* printed as received */
      }
      options.print(options.messages.event(slug, parsed.type ?? '?', verified));
      options.print(JSON.stringify(parsed, null, 2));
    },
  });
  for (const slug of Object.keys(ORGANISATIONS) as DemoSlug[]) {
    const secret = await pointChannel({
      relaisUrl: options.url,
      dataDir: options.dataDir,
      demo: options.demo,
      slug,
      url: `${listener.url}/${slug}`,
    }).catch(async (error: unknown) => {
      await listener.close();
      throw error;
    });
    if (!secret) {
      await listener.close();
      throw new Error(options.messages.noSecret(slug));
    }
    secrets[slug] = secret;
  }
  options.print(options.messages.listening(listener.url));
  return listener;
}
