import type { Demo } from './demo.ts';
import { saveDemo } from './demo.ts';
import { listenForDeliveries, pointChannel, readReceiverSecrets } from './demo-receiver.ts';

/**
 * DIVAS's webhook endpoint while `relais serve` runs: the demo receiver's listener, in process and silent
 * (what it receives holds children's data; `npm run relais -- demo receiver` is the one that prints). With
 * it, the events of the demo's referrals and of what a person does in the admin UI are delivered at once,
 * so DIVAS's channel shows real attempts and the queues drain instead of retrying for days.
 */
export interface ServeReceiver {
  url: string;
  /** Sets DIVAS's delivery channel here, through the API, and notes where in demo.json. */
  point(): Promise<void>;
  /**
   * On a later start the listener has another port: the channel follows it, but only if it still points
   * where the last run's listener was (an administrator who pointed it elsewhere keeps their choice).
   */
  follow(): Promise<void>;
  close(): Promise<void>;
}

export async function startServeReceiver(relaisUrl: string, dataDir: string, demo: Demo): Promise<ServeReceiver> {
  const secrets = readReceiverSecrets(dataDir);
  const listener = await listenForDeliveries({ port: 0, secrets, received: () => {} });
  const endpoint = `${listener.url}/divas`;
  const divasAdmin = demo.keys.find((k) => k.label === 'divas-admin');
  const point = async () => {
    const secret = await pointChannel({ relaisUrl, dataDir, demo, slug: 'divas', url: endpoint });
    if (secret) secrets.divas = secret;
    demo.receiverUrl = endpoint;
    saveDemo(dataDir, demo);
  };
  return {
    url: endpoint,
    point,
    follow: async () => {
      if (!divasAdmin || !demo.receiverUrl || demo.receiverUrl === endpoint) return;
      const res = await fetch(`${relaisUrl}/v1/admin/delivery-channel`, { headers: { 'x-api-key': divasAdmin.token } });
      const health = (await res.json()) as { channel?: { kind: string; url?: string } };
      if (res.ok && health.channel?.kind === 'webhook' && health.channel.url === demo.receiverUrl) await point();
    },
    close: listener.close,
  };
}
