import ipaddr from 'ipaddr.js';
import type { FieldIssue } from '../errors/field-issue.ts';
import type { Resolver } from './ports.ts';

/**
 * The outbound URL guard: Relais posts webhooks only to public addresses, so that an organisation's
 * endpoint setting cannot reach Relais's own network (metadata service, loopback, private ranges).
 * The rules are checked against the addresses the host resolves to, at configuration and again right
 * before every delivery (the sender then connects to the vetted address only).
 */

export interface OutboundUrlOptions {
  /**
   * Lets `http:` reach loopback, when every address is loopback. Only the local runtime's demo and tests set
   * it: nothing in production may.
   */
  allowHttpLoopback: boolean;
  /** Where the URL sits in the document the caller sent; `/url` unless told. */
  pointer?: string;
}

export type OutboundUrlCheck = { ok: true; url: URL; addresses: string[] } | { ok: false; issues: FieldIssue[] };

/** IANA's global unicast block: any IPv6 address outside it is special-purpose or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

export function checkOutboundUrl(url: string, addresses: readonly string[], options: OutboundUrlOptions): FieldIssue[] {
  const form = checkForm(url, options);
  if (!form.url) return form.issues;
  const literal = ipLiteral(form.url.hostname);
  return checkAddresses(form.url, literal ? [literal, ...addresses] : addresses, options);
}

/**
 * Resolves the URL's host and checks it. The caller connects to `addresses[0]` and nothing else, so that a
 * DNS answer changed after this check cannot redirect the delivery.
 */
export async function vetOutboundUrl(
  url: string,
  resolver: Resolver,
  options: OutboundUrlOptions,
): Promise<OutboundUrlCheck> {
  // A URL refused for its form is refused without a DNS query.
  const form = checkForm(url, options);
  if (!form.url) return { ok: false, issues: form.issues };
  const literal = ipLiteral(form.url.hostname);
  const addresses = literal ? [literal] : await resolveQuietly(resolver, form.url.hostname);
  const issues = checkAddresses(form.url, addresses, options);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, url: form.url, addresses };
}

type Form = { url: URL; issues?: never } | { url?: never; issues: FieldIssue[] };

function checkForm(url: string, options: OutboundUrlOptions): Form {
  const parsed = parseUrl(url);
  if (!parsed)
    return refuse(options, 'invalid-url', 'This is not a valid absolute URL.', "Ce n'est pas une URL absolue valide.");
  if (parsed.username || parsed.password)
    return refuse(
      options,
      'credentials-in-url',
      'The URL must not carry a user name or password; Relais signs every delivery instead.',
      "L'URL ne doit contenir ni nom d'utilisateur ni mot de passe ; Relais signe chaque envoi.",
    );
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && options.allowHttpLoopback))
    return refuse(options, 'not-https', 'The URL must use https.', "L'URL doit utiliser https.");
  return { url: parsed };
}

function checkAddresses(url: URL, addresses: readonly string[], options: OutboundUrlOptions): FieldIssue[] {
  // Only the host is ever quoted back: the path or query may carry a token.
  const host = url.hostname;
  if (addresses.length === 0)
    return refuse(
      options,
      'unresolvable',
      `The host ${host} does not resolve to any address.`,
      `L'hôte ${host} ne se résout en aucune adresse.`,
    ).issues;
  const loopbackAllowed = options.allowHttpLoopback && addresses.every(isLoopback);
  if (url.protocol === 'http:' && !loopbackAllowed)
    return refuse(options, 'not-https', 'The URL must use https.', "L'URL doit utiliser https.").issues;
  if (!loopbackAllowed && !addresses.every(isPublicUnicast))
    return refuse(
      options,
      'private-address',
      `The host ${host} resolves to an address that is not public (loopback, private, link-local, reserved or special-purpose); Relais delivers only to public addresses.`,
      `L'hôte ${host} se résout en une adresse non publique (bouclage, privée, lien local, réservée ou à usage spécial) ; Relais n'envoie qu'à des adresses publiques.`,
    ).issues;
  return [];
}

function refuse(options: OutboundUrlOptions, code: string, en: string, fr: string): { issues: FieldIssue[] } {
  return { issues: [{ pointer: options.pointer ?? '/url', code, message: { en, fr } }] };
}

async function resolveQuietly(resolver: Resolver, host: string): Promise<string[]> {
  try {
    return await resolver.resolve(host);
  } catch {
    // Not found, refused or timed out all mean there is nowhere safe to send to.
    return [];
  }
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The URL's host when it is an IP address. WHATWG URL parsing has already turned decimal, octal and hex
 * forms (http://2130706433/, http://0x7f.1/) into four-part decimal, and wraps IPv6 in brackets.
 */
function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare) ? bare : undefined;
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  return ipaddr.isValid(address) ? ipaddr.parse(address) : undefined;
}

export function isLoopback(address: string): boolean {
  return parseAddress(address)?.range() === 'loopback';
}

/**
 * Public unicast only. ipaddr.js names the special-purpose ranges (private, loopback, link-local with the
 * 169.254.169.254 metadata address, CGNAT, unique-local with fd00:ec2::254, documentation, 6to4, NAT64,
 * Teredo, IPv4-mapped…); anything it names is refused, embedded IPv4 or not. IPv6 must also lie in
 * 2000::/3, which leaves out the IPv4-compatible ::a.b.c.d form and the unassigned space ipaddr.js calls
 * unicast.
 */
export function isPublicUnicast(address: string): boolean {
  const ip = parseAddress(address);
  if (!ip || ip.range() !== 'unicast') return false;
  return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
}
