import * as z from 'zod';
import type { Clock } from '../../core/ports.ts';
import { type OutboundRules, vettedDispatcher } from './pinned-dispatcher.ts';

/** How Relais authenticates to a partner's FHIR server. */
export type FhirAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

/** Gives the bearer token to send; `refresh` is called after a 401, to get another than the one refused. */
export interface TokenSource {
  token(): Promise<string | undefined>;
  refresh(): Promise<string | undefined>;
}

/** Thrown when the token endpoint does not give a token: the push or pull fails like a server error. */
export class TokenRefused extends Error {
  override name = 'TokenRefused';
  constructor(readonly status: number | undefined) {
    super(status === undefined ? 'token endpoint unreachable' : `token endpoint answered ${status}`);
  }
}

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer'),
  expires_in: z.number().positive().optional(),
});

/** A token is renewed this long before the expiry its server announced, so none expires in flight. */
const EXPIRY_MARGIN_MS = 30_000;
/** For a token response that names no lifetime: renewed at least this often (on a 401 sooner). */
const DEFAULT_LIFETIME_MS = 5 * 60_000;

export function tokenSource(auth: FhirAuth, rules: OutboundRules, clock: Clock, timeoutMs = 15_000): TokenSource {
  if (auth.kind === 'none') return { token: async () => undefined, refresh: async () => undefined };
  if (auth.kind === 'bearer') return { token: async () => auth.token, refresh: async () => auth.token };
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  // One request at a time: concurrent pushes that all find the token expired share one fetch.
  const fetchToken = () => {
    pending ??= requestToken(auth, rules, clock, timeoutMs)
      .then((fresh) => {
        cached = fresh;
        return fresh.token;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
  return {
    async token() {
      if (cached && clock.now().getTime() < cached.renewAt) return cached.token;
      return fetchToken();
    },
    async refresh() {
      cached = undefined;
      return fetchToken();
    },
  };
}

/**
 * The OAuth 2.0 client credentials grant (RFC 6749 §4.4), with the client authenticated by HTTP Basic
 * (§2.3.1, which every authorization server must support). The token URL passes the outbound URL rules
 * like the endpoint itself, and the secret goes nowhere else.
 */
async function requestToken(
  auth: Extract<FhirAuth, { kind: 'client-credentials' }>,
  rules: OutboundRules,
  clock: Clock,
  timeoutMs: number,
): Promise<{ token: string; renewAt: number }> {
  const dispatcher = await vettedDispatcher(auth.tokenUrl, rules);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString(
    'base64',
  );
  let response: Response;
  try {
    response = await fetch(auth.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      // @ts-expect-error undici's fetch takes a dispatcher; lib.dom's RequestInit does not name it.
      dispatcher,
    });
  } catch {
    throw new TokenRefused(undefined);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new TokenRefused(response.status);
  }
  const parsed = TokenResponse.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new TokenRefused(response.status);
  const lifetime = parsed.data.expires_in ? parsed.data.expires_in * 1000 : DEFAULT_LIFETIME_MS;
  return {
    token: parsed.data.access_token,
    renewAt: clock.now().getTime() + Math.max(0, lifetime - EXPIRY_MARGIN_MS),
  };
}
