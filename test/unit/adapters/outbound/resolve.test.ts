import { describe, expect, it } from 'vitest';
import { systemResolver } from '../../../../adapters/outbound/resolve.ts';

describe('the system resolver', () => {
  it('resolves an IP literal to itself, brackets or not', async () => {
    expect(await systemResolver.resolve('93.184.216.34')).toEqual(['93.184.216.34']);
    expect(await systemResolver.resolve('[2001:4860:4860::8888]')).toEqual(['2001:4860:4860::8888']);
    expect(await systemResolver.resolve('::1')).toEqual(['::1']);
  });

  it('gives every address of a name, here localhost from the hosts file', async () => {
    const addresses = await systemResolver.resolve('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(['127.0.0.1', '::1']).toContain(address);
  });
});
