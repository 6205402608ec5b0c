import { isIP, type LookupFunction } from 'node:net';
import type { Agent } from 'undici';
import UndiciAgent from 'undici/lib/dispatcher/agent.js';
import { vetOutboundUrl } from '../../core/delivery/outbound-url.ts';
import type { Resolver } from '../../core/delivery/ports.ts';

/** Thrown when a FHIR endpoint or token URL fails the outbound URL rules: nothing was sent. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
  constructor(readonly codes: string[]) {
    super(`outbound URL refused: ${codes.join(', ')}`);
  }
}

/** Answers every lookup with the vetted address, so the socket cannot go anywhere else. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address) === 6 ? 6 : 4;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

const MAX_POOLS = 100;
const pools = new Map<string, Agent>();

/**
 * An undici dispatcher whose connections go to one vetted address for one origin, kept for the next
 * request to it. fetch, which fhir-kit-client uses, takes it as the request's `dispatcher`: the same
 * DNS pinning as the webhook sender (adapters/outbound/webhook-sender.ts), where a DNS answer changed after
 * the check cannot move the request elsewhere.
 */
function dispatcherFor(url: URL, address: string): Agent {
  const key = `${url.protocol}//${address}/${url.host}`;
  let agent = pools.get(key);
  if (!agent) {
    agent = new UndiciAgent({ connect: { lookup: pinnedLookup(address) }, keepAliveTimeout: 4_000 });
    pools.set(key, agent);
    if (pools.size > MAX_POOLS) {
      const [oldest, pool] = pools.entries().next().value!;
      pools.delete(oldest);
      void pool.close();
    }
  }
  return agent;
}

export interface OutboundRules {
  resolver: Resolver;
  /** The local runtime's demo and test setting only (see core/delivery/outbound-url.ts). */
  allowHttpLoopback: boolean;
}

/** Vets the URL as a webhook URL is vetted, right before the request, and gives the dispatcher to send it by. */
export async function vettedDispatcher(url: string, rules: OutboundRules): Promise<Agent> {
  const vetted = await vetOutboundUrl(url, rules.resolver, { allowHttpLoopback: rules.allowHttpLoopback });
  const address = vetted.ok ? vetted.addresses[0] : undefined;
  if (!vetted.ok || address === undefined) {
    throw new OutboundRefused(vetted.ok ? ['unresolvable'] : vetted.issues.map((i) => i.code));
  }
  return dispatcherFor(vetted.url, address);
}
