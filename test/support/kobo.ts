import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalApi } from './local-api.ts';

const FIXTURES = join(import.meta.dirname, '../../adapters/sources/kobotoolbox/fixtures');

/** One of the KoboToolbox source's fixture submissions. */
export const koboFixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

/**
 * Pushes into Alpha's Kobo source as a KoboToolbox REST service does: basic auth, user name = key id,
 * password = the whole key.
 */
export function koboPush(api: LocalApi, body: unknown, headers: Record<string, string> = {}) {
  const basic = Buffer.from(`${api.keys.aSource.split('_')[1]}:${api.keys.aSource}`).toString('base64');
  return api.request('POST', '/v1/sources/src_a-kobo/records', {
    headers: { 'content-type': 'application/json', authorization: `Basic ${basic}`, ...headers },
    body: JSON.stringify(body),
  });
}
