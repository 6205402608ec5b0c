import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import type { HttpEvent } from '../../../../functions/platform/http.ts';
import { verifySignature } from '../../../../functions/platform/webhook-signature.ts';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const eventWith = (headers: Record<string, string>) => ({ headers }) as unknown as HttpEvent;

function signed(id: string, body: string, at: Date) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

const flip = (s: string, index: number) => {
  const i = index % s.length;
  const c = s.charCodeAt(i);
  return s.slice(0, i) + String.fromCharCode(c === 0x7a ? 0x61 : c + 1) + s.slice(i + 1);
};

describe('verifySignature', () => {
  it('accepts what was signed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.json(), (id, body) => {
        expect(() => verifySignature(eventWith(signed(id, body, new Date())), body, [secret])).not.toThrow();
      }),
    );
  });

  it('fails when one byte of the body, the id or the timestamp changes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9_]{1,30}$/),
        fc.json({ maxDepth: 2 }),
        fc.nat(),
        fc.constantFrom('body', 'id', 'timestamp'),
        (id, body, at, part) => {
          const headers = signed(id, body, new Date());
          let sentBody = body;
          if (part === 'body') sentBody = flip(body, at);
          if (part === 'id') headers['webhook-id'] = flip(id, at);
          if (part === 'timestamp')
            headers['webhook-timestamp'] = String(Number(headers['webhook-timestamp']) + 1 + (at % 200));
          expect(() => verifySignature(eventWith(headers), sentBody, [secret])).toThrow(RelaisError);
        },
      ),
    );
  });

  it('reports an old timestamp distinctly from a bad signature', () => {
    const body = '{}';
    try {
      verifySignature(eventWith(signed('m1', body, new Date(Date.now() - 6 * 60_000))), body, [secret]);
      expect.unreachable();
    } catch (e) {
      expect((e as RelaisError).reason).toBe('signature-timestamp');
    }
  });
});
