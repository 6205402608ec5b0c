import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HttpEvent } from '../../../../functions/platform/http.ts';
import { verifySignature } from '../../../../functions/platform/webhook-signature.ts';

const key = randomBytes(32);
const secret = `whsec_${key.toString('base64')}`;
/** Signs exactly the header text given, as a sender who holds the secret could. */
const signOver = (id: string, timestamp: string, body: string) =>
  `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
const eventWith = (headers: Record<string, string>) => ({ headers }) as unknown as HttpEvent;

describe('webhook-timestamp', () => {
  const now = String(Math.floor(Date.now() / 1000));

  it('accepts a signed timestamp of digits', () => {
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': now,
      'webhook-signature': signOver('msg_1', now, '{}'),
    };
    expect(() => verifySignature(eventWith(headers), '{}', [secret])).not.toThrow();
  });

  it.each([`${now}abc`, ` ${now}`, `${now}.5`, `+${now}`, `${now}e0`, '0x6a1b2c3d'])(
    'refuses the timestamp %j, signed over the number parseInt reads in it',
    (timestamp) => {
      const headers = {
        'webhook-id': 'msg_1',
        'webhook-timestamp': timestamp,
        'webhook-signature': signOver('msg_1', String(parseInt(timestamp)), '{}'),
      };
      expect(() => verifySignature(eventWith(headers), '{}', [secret])).toThrow(
        expect.objectContaining({ reason: 'signature-invalid' }),
      );
    },
  );

  it.each([
    ['six minutes ago', -360],
    ['six minutes ahead', 360],
  ])('refuses a correctly signed timestamp %s (401 signature-timestamp)', (_when, offsetSeconds) => {
    const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': timestamp,
      'webhook-signature': signOver('msg_1', timestamp, '{}'),
    };
    expect(() => verifySignature(eventWith(headers), '{}', [secret])).toThrow(
      expect.objectContaining({ reason: 'signature-timestamp' }),
    );
  });
});
