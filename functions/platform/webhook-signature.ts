import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { RelaisError } from '../../core/errors/relais-error.ts';
import { header, type HttpEvent } from './http.ts';

/** True when the request carries any Standard Webhooks header: the sender meant to sign. */
export const hasSignatureHeaders = (event: HttpEvent) =>
  !!(header(event, 'webhook-id') || header(event, 'webhook-signature') || header(event, 'webhook-timestamp'));

/**
 * Verifies a Standard Webhooks signature against each current secret of the source (two during
 * rotation). The timestamp must be within 5 minutes, which also bounds how long a captured request can
 * be replayed; within that window the webhook-id makes replays idempotent.
 */
export function verifySignature(event: HttpEvent, body: string, secrets: readonly string[]): void {
  const headers = {
    'webhook-id': header(event, 'webhook-id') ?? '',
    'webhook-timestamp': header(event, 'webhook-timestamp') ?? '',
    'webhook-signature': header(event, 'webhook-signature') ?? '',
  };
  if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature']) {
    throw new RelaisError('unauthenticated', 'signature-missing');
  }
  // The library reads the timestamp with parseInt, which takes "1796162239abc" for 1796162239.
  if (!/^\d{1,12}$/.test(headers['webhook-timestamp'])) throw new RelaisError('unauthenticated', 'signature-invalid');
  let timestampProblem = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, headers, { jsonParse: false });
      return;
    } catch (error) {
      if (error instanceof WebhookVerificationError && /timestamp/i.test(error.message)) timestampProblem = true;
      else if (!(error instanceof WebhookVerificationError)) throw error;
    }
  }
  throw new RelaisError('unauthenticated', timestampProblem ? 'signature-timestamp' : 'signature-invalid');
}
