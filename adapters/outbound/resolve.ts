import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Resolver } from '../../core/delivery/ports.ts';

/**
 * The system resolver, as a connection would use it (getaddrinfo: hosts file, then DNS). Every address is
 * returned, in the resolver's order, so that the guard sees all of them: one private address among public
 * ones is enough to refuse.
 */
export const systemResolver: Resolver = {
  async resolve(host: string): Promise<string[]> {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (isIP(bare)) return [bare];
    const answers = await lookup(bare, { all: true, verbatim: true });
    return answers.map((answer) => answer.address);
  },
};
