import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, vetOutboundUrl } from '../../../../core/delivery/outbound-url.ts';
import type { Resolver } from '../../../../core/delivery/ports.ts';

const strict = { allowHttpLoopback: false };
const demo = { allowHttpLoopback: true };

const codes = (url: string, addresses: string[], options = strict) =>
  checkOutboundUrl(url, addresses, options).map((issue) => issue.code);

/** A resolver from a table, counting its queries: a refused form must not cost a DNS query. */
function tableResolver(table: Record<string, string[]>) {
  const queries: string[] = [];
  const resolver: Resolver = {
    async resolve(host) {
      queries.push(host);
      const answer = table[host];
      if (!answer) throw new Error(`ENOTFOUND ${host}`);
      return answer;
    },
  };
  return { resolver, queries };
}

describe('checkOutboundUrl', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fd00:ec2::254',
    'fe80::1',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:8.8.8.8',
    '::10.0.0.1',
    '::a00:1',
    '4000::1',
    '::ffff:0:a00:1',
    '2002:a00:1::1',
    '64:ff9b::a00:1',
    '64:ff9b:1::a00:1',
    '2001::1',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '::',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.10',
    '198.51.100.7',
    '203.0.113.5',
    '198.18.0.1',
    '2001:db8::1',
    '100::1',
    'not-an-address',
  ])('refuses a host that resolves to %s', (address) => {
    expect(codes('https://partner.example/hooks', [address])).toEqual(['private-address']);
  });

  it.each([
    'https://127.0.0.1/',
    'https://10.1.2.3/',
    'https://[::1]/',
    'https://[fc00::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://169.254.169.254/latest/meta-data/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://017700000001/',
    'https://0x7f000001/',
    'https://3232235777/',
  ])('refuses the IP literal %s, whatever form WHATWG URL parsing normalises', (url) => {
    expect(codes(url, [])).toEqual(['private-address']);
    // The literal is checked even when a resolver answered something public for it.
    expect(codes(url, ['93.184.216.34'])).toEqual(['private-address']);
  });

  it('refuses http://2130706433/ and http://0x7f.1/ (127.0.0.1 in disguise) without the loopback setting', () => {
    expect(new URL('http://2130706433/').hostname).toBe('127.0.0.1');
    expect(new URL('http://0x7f.1/').hostname).toBe('127.0.0.1');
    expect(codes('http://2130706433/', [])).toEqual(['not-https']);
    expect(codes('http://0x7f.1/', [])).toEqual(['not-https']);
    expect(codes('https://0x7f.1/', [])).toEqual(['private-address']);
  });

  it('refuses a name that resolves to one public and one private address', () => {
    expect(codes('https://partner.example/', ['93.184.216.34', '10.0.0.5'])).toEqual(['private-address']);
    expect(codes('https://partner.example/', ['2606:2800:220:1::', 'fd00::1'])).toEqual(['private-address']);
  });

  it('accepts https://8.8.8.8/ and a name that resolves to public addresses only', () => {
    expect(codes('https://8.8.8.8/', [])).toEqual([]);
    expect(codes('https://8.8.8.8/', ['8.8.8.8'])).toEqual([]);
    expect(codes('https://partner.example/hooks?x=1', ['93.184.216.34'])).toEqual([]);
    expect(codes('https://partner.example:8443/', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])).toEqual([]);
  });

  it('refuses a name that resolves to nothing', () => {
    expect(codes('https://partner.example/', [])).toEqual(['unresolvable']);
  });

  it('refuses http:// to a public address, even with the loopback setting', () => {
    expect(codes('http://partner.example/', ['93.184.216.34'])).toEqual(['not-https']);
    expect(codes('http://partner.example/', ['93.184.216.34'], demo)).toEqual(['not-https']);
  });

  it('allows http:// only with the loopback setting and only when every address is loopback', () => {
    expect(codes('http://127.0.0.1:3000/hooks', [], demo)).toEqual([]);
    expect(codes('http://[::1]:3000/hooks', [], demo)).toEqual([]);
    expect(codes('http://localhost:3000/hooks', ['127.0.0.1', '::1'], demo)).toEqual([]);
    expect(codes('http://localhost:3000/hooks', ['127.0.0.1'])).toEqual(['not-https']);
    expect(codes('http://localhost:3000/hooks', ['127.0.0.1', '10.0.0.1'], demo)).toEqual(['not-https']);
    expect(codes('http://localhost:3000/hooks', ['127.0.0.1', '93.184.216.34'], demo)).toEqual(['not-https']);
    expect(codes('http://10.0.0.1/', [], demo)).toEqual(['not-https']);
    // The setting opens loopback only: other private ranges stay closed over https too.
    expect(codes('https://10.0.0.1/', [], demo)).toEqual(['private-address']);
  });

  it('refuses other schemes', () => {
    for (const url of ['ftp://partner.example/', 'file:///etc/passwd', 'gopher://partner.example/', 'ws://x.example/'])
      expect(codes(url, ['93.184.216.34'], demo)).toEqual(['not-https']);
  });

  it('refuses a URL with a user name or password, any port being fine', () => {
    expect(codes('https://user:secret@partner.example/', ['93.184.216.34'])).toEqual(['credentials-in-url']);
    expect(codes('https://user@partner.example:1/', ['93.184.216.34'])).toEqual(['credentials-in-url']);
    expect(codes('https://partner.example:65535/', ['93.184.216.34'])).toEqual([]);
  });

  it('refuses what is not an absolute URL', () => {
    for (const url of ['', 'partner.example/hooks', '/hooks', 'https://', 'https://[::1/'])
      expect(codes(url, ['93.184.216.34'])).toEqual(['invalid-url']);
  });

  it('points at /url unless told, in English and French, quoting the host and nothing more of the URL', () => {
    const url = 'https://partner.example/hooks/tok_S3CRET?child=KABASELE';
    const [issue] = checkOutboundUrl(url, ['10.0.0.1'], strict);
    expect(issue?.pointer).toBe('/url');
    expect(issue?.message.en).toContain('partner.example');
    expect(issue?.message.fr).toContain('partner.example');
    for (const text of [issue?.message.en, issue?.message.fr]) {
      expect(text).not.toContain('tok_S3CRET');
      expect(text).not.toContain('KABASELE');
      expect(text).not.toContain('10.0.0.1');
    }
    const withPassword = checkOutboundUrl('https://u:pa55word@partner.example/', [], {
      ...strict,
      pointer: '/endpoints/0/url',
    });
    expect(withPassword.map((i) => i.pointer)).toEqual(['/endpoints/0/url']);
    expect(JSON.stringify(withPassword)).not.toContain('pa55word');
  });
});

describe('vetOutboundUrl', () => {
  it('resolves the host and hands back the parsed URL with every address, in the resolver order', async () => {
    const { resolver } = tableResolver({ 'partner.example': ['93.184.216.34', '2606:2800:220:1::'] });
    const vetted = await vetOutboundUrl('https://partner.example/hooks', resolver, strict);
    expect(vetted.ok && vetted.addresses).toEqual(['93.184.216.34', '2606:2800:220:1::']);
    expect(vetted.ok && vetted.url.hostname).toBe('partner.example');
  });

  it('refuses a name resolving to a private address, and one that does not resolve', async () => {
    const { resolver } = tableResolver({ 'intranet.example': ['93.184.216.34', '192.168.1.1'] });
    const refused = await vetOutboundUrl('https://intranet.example/', resolver, strict);
    expect(!refused.ok && refused.issues.map((i) => i.code)).toEqual(['private-address']);
    const missing = await vetOutboundUrl('https://nowhere.example/', resolver, strict);
    expect(!missing.ok && missing.issues.map((i) => i.code)).toEqual(['unresolvable']);
  });

  it('resolves an IP literal to itself, without asking the resolver', async () => {
    const { resolver, queries } = tableResolver({});
    expect(await vetOutboundUrl('https://8.8.8.8/', resolver, strict)).toMatchObject({
      ok: true,
      addresses: ['8.8.8.8'],
    });
    expect(await vetOutboundUrl('https://[2001:4860:4860::8888]/', resolver, strict)).toMatchObject({
      ok: true,
      addresses: ['2001:4860:4860::8888'],
    });
    expect((await vetOutboundUrl('https://2130706433/', resolver, strict)).ok).toBe(false);
    expect(queries).toEqual([]);
  });

  it('asks no resolver for a URL refused for its form', async () => {
    const { resolver, queries } = tableResolver({ 'partner.example': ['93.184.216.34'] });
    for (const url of ['http://partner.example/', 'https://u:p@partner.example/', 'ftp://partner.example/', 'nope'])
      expect((await vetOutboundUrl(url, resolver, strict)).ok).toBe(false);
    expect(queries).toEqual([]);
  });

  it('lets http:// through to loopback only with the loopback setting', async () => {
    const { resolver } = tableResolver({ localhost: ['127.0.0.1'] });
    expect(await vetOutboundUrl('http://localhost:3000/', resolver, demo)).toMatchObject({ ok: true });
    expect(await vetOutboundUrl('http://localhost:3000/', resolver, strict)).toMatchObject({ ok: false });
  });
});
