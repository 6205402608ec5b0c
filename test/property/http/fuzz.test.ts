import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { Problem } from '../../../schemas/api/problem.ts';
import { type LocalApi, canonicalInput, startLocalApi } from '../../support/local-api.ts';
import { yamlAliasBomb } from '../../fixtures/yaml-alias-bomb.ts';

/**
 * An attacker's view of the HTTP surface: thousands of malformed requests over every route of
 * functions/routes.ts (a new route is fuzzed without touching this file). Every answer must come in
 * time, be below 500, be problem+json when it is not a success, and never carry back what was sent:
 * each request plants its own marker in every input it makes up.
 */
const SEED = 20_260_301;
const RANDOM_REQUESTS = 3_000;
const CONCURRENCY = 6;
const ANSWER_WITHIN_MS = 10_000;

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  marker: string;
}

const MALFORMED_PERCENT = ['%E0%A4%A', '%ZZ', '%', '%FF', '%ED%A0%80', '%C0%AE', '%00', '%2e%2e', '%25%', '%u0041'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/yaml',
  'text/yaml',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/problem+json',
];
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const aliasBomb = (marker: string) => yamlAliasBomb(marker);

const pathParam = (marker: string) =>
  fc.oneof(
    fc.constantFrom(...MALFORMED_PERCENT).map((bad) => `${marker}${bad}`),
    fc.constantFrom('rec_', 'src_', 'per_', 'rev_', 'key_', 'sec_', '').map((prefix) => `${prefix}${marker}`),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s + marker)),
    fc.constantFrom('1', '0', '-1', '99999999999999999999', '1e3', 'NaN').map((n) => `${n}${marker}`),
    fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n) + marker),
    fc.constantFrom(`${marker}%20%0A`, `${marker};x=1`, `..%2F${marker}`, `${marker}%F0%9F%98`),
  );

const queryValue = (marker: string) =>
  fc.oneof(
    fc.constantFrom('-1', '0', '1', '201', '1e2', 'abc', '', '2026-13-45T99:99:99Z', 'open', 'same', 'closed'),
    fc.constant(marker),
    fc.constant(`${marker}%ZZ`),
    fc.constant(b64url({ organisationId: 'org_alpha', m: marker })),
    fc.constant(b64url({ organisationId: 'org_alpha' })),
    fc.constant(`v1.${b64url({ id: marker })}.${'A'.repeat(43)}`),
    fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s) + marker),
    fc.nat({ max: 4000 }).map((n) => 'c'.repeat(n) + marker),
  );

const queryString = (marker: string) =>
  fc.oneof(
    fc.constant(''),
    fc
      .array(
        fc.tuple(
          // Parameter names are not values: an unknown one is named in the error's pointer, by design.
          fc.constantFrom('limit', 'cursor', 'updatedSince', 'status', 'sourceId', 'organisationId', 'x'),
          queryValue(marker),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : '')),
    fc.constantFrom(`?&&=&m=${marker}`, `?limit=1&limit=2&m=${marker}`, `?%=${marker}`, `?cursor=%E0%A4%A${marker}`),
  );

const deepJson = (levels: number, marker: string) => '{"a":'.repeat(levels) + `"${marker}"` + '}'.repeat(levels);

const body = (marker: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ v, m: marker })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify([v, marker])) },
    { weight: 2, arbitrary: fc.constant(`{"m":"${marker}",`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => s + marker) },
    { weight: 2, arbitrary: fc.integer({ min: 60, max: 20_000 }).map((n) => deepJson(n, marker)) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => '['.repeat(n) + `"${marker}"`) },
    { weight: 1, arbitrary: fc.constant(aliasBomb(marker)) },
    { weight: 1, arbitrary: fc.constant(`fields: ${'['.repeat(5_000)}${marker}`) },
    { weight: 1, arbitrary: fc.nat({ max: 200_000 }).map((n) => JSON.stringify({ s: 'x'.repeat(n) + marker })) },
    {
      weight: 2,
      arbitrary: fc.constant(
        JSON.stringify(
          canonicalInput({
            sourceRecordId: marker,
            person: { name: { family: marker, given: marker }, sex: marker, phone: marker },
          }),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constant(
        JSON.stringify({
          mapping: { fields: { '/person/sex': { from: 'sexe', transforms: [{ map: { values: { f: 'female' } } }] } } },
          samples: [{ sexe: marker }],
          name: marker,
          tool: marker,
          roles: [marker],
          decision: marker,
          reason: marker,
          person: { name: { family: marker } },
          otherPersonId: marker,
          recordIds: [marker],
        }),
      ),
    },
  );

function credentials(marker: string) {
  const keys = () => api.keys;
  return fc.oneof(
    fc.constant<Record<string, string>>({}),
    fc.constant({ 'x-api-key': `rlk_${marker}_${marker}` }),
    fc.constant({ authorization: `Bearer ${marker}` }),
    fc.constant({ authorization: `Basic ${Buffer.from(`${marker}:${marker}`).toString('base64')}` }),
    fc.constant({ authorization: `Basic ${marker}` }),
    fc.constant({ authorization: `${marker} ${marker}` }),
    fc
      .constantFrom('aReader', 'aAdmin', 'aSource', 'bReader', 'bAdmin', 'bSource')
      .map((role) => ({ 'x-api-key': keys()[role as keyof LocalApi['keys']] })),
    fc
      .constantFrom('aReader', 'aAdmin', 'aSource')
      .map((role) => ({ authorization: `Bearer ${keys()[role as keyof LocalApi['keys']]}` })),
    fc
      .constantFrom(
        `${Math.floor(Date.now() / 1000)}abc`,
        String(Math.floor(Date.now() / 1000)),
        '0',
        '',
        marker,
        '99999999999999999999',
      )
      .map((timestamp) => ({
        'webhook-id': `msg_${marker}`,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${Buffer.from(marker).toString('base64')}`,
      })),
    fc.constant({ 'webhook-signature': `v1,${marker}`, 'x-api-key': `rlk_${marker}` }),
  );
}

function request(marker: string): fc.Arbitrary<Sent> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      method: fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      params: fc.array(pathParam(marker), { minLength: 3, maxLength: 3 }),
      query: queryString(marker),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES, `application/${marker}+json`), { nil: undefined }),
      language: fc.option(fc.constantFrom('fr', 'en', 'fr-CD;q=0.9, en;q=0.1', `${marker};q=abc`), { nil: undefined }),
      credentials: credentials(marker),
      body: body(marker),
    })
    .map(({ route, method, params, query, contentType, language, credentials, body }) => {
      let i = 0;
      const path = route.path.replace(/\{[^}]+\}/g, () => params[i++ % params.length]!);
      return {
        method: method ?? route.method.toUpperCase(),
        path: path + query,
        headers: {
          ...credentials,
          ...(contentType ? { 'content-type': contentType } : {}),
          ...(language ? { 'accept-language': language } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        marker,
      };
    });
}

/** Fixed cases on every route: each malformed percent-encoding in each parameter, bombs, giant bodies. */
function fixedCases(): Sent[] {
  const cases: Sent[] = [];
  let n = 0;
  const marker = () => `zqfix${n++}q`;
  for (const route of routes) {
    const method = route.method.toUpperCase();
    const admin = { 'x-api-key': api.keys.aAdmin, 'content-type': 'application/json' };
    for (const bad of MALFORMED_PERCENT) {
      const m = marker();
      if (route.path.includes('{'))
        cases.push({ method, path: route.path.replace(/\{[^}]+\}/g, `${m}${bad}`), headers: admin, marker: m });
    }
    for (const build of [
      (m: string) => ({ ...admin, 'content-type': 'application/yaml', body: aliasBomb(m) }),
      (m: string) => ({ ...admin, body: deepJson(10_000, m) }),
      (m: string) => ({ ...admin, body: `${'['.repeat(10_000)}"${m}"${']'.repeat(10_000)}` }),
      (m: string) => ({ ...admin, body: JSON.stringify({ m, pad: 'x'.repeat(5 * 1024 * 1024) }) }),
      (m: string) => ({ ...admin, 'x-big': 'h'.repeat(20_000) + m }),
    ]) {
      const m = marker();
      const { body, ...headers } = build(m) as Record<string, string>;
      const path = route.path.replace(/\{[^}]+\}/g, `id_${m}`);
      cases.push({ method, path, headers, ...(body !== undefined ? { body } : {}), marker: m });
    }
  }
  return cases;
}

interface Outcome {
  sent: Sent;
  status: number;
  headers: Headers;
  text: string;
}

async function send(sent: Sent): Promise<Outcome> {
  const res = await fetch(api.url + sent.path, {
    method: sent.method,
    headers: sent.headers,
    ...(sent.body !== undefined && !['GET', 'HEAD'].includes(sent.method) ? { body: sent.body } : {}),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  return { sent, status: res.status, headers: res.headers, text: await res.text() };
}

/** What is wrong with one answer, or nothing. */
function faults({ sent, status, headers, text }: Outcome): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`answered ${status}`);
  if (status < 200 || status >= 300) {
    if (!/^application\/problem\+json/.test(headers.get('content-type') ?? '')) found.push('not problem+json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      found.push('body is not JSON');
    }
    if (parsed !== undefined && !Problem.safeParse(parsed).success) found.push('body is not a Problem');
    // Successes may rightly hold what was stored (a created source's name, a preview of the admin's own
    // samples); errors never hold what was sent.
    if (text.includes(sent.marker)) found.push('echoes the submitted value in the body');
  }
  for (const [name, value] of headers) if (value.includes(sent.marker)) found.push(`echoes it in header ${name}`);
  return found;
}

async function runAll(requests: Sent[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const sent = requests[next++]!;
        try {
          outcomes.push(await send(sent));
        } catch (error) {
          outcomes.push({ sent, status: 599, headers: new Headers(), text: `no answer: ${(error as Error).name}` });
        }
      }
    }),
  );
  return outcomes;
}

describe('fuzzing every route', () => {
  it(
    `survives ${RANDOM_REQUESTS} random malformed requests and the fixed hostile cases`,
    { timeout: 120_000 },
    async () => {
      const random = fc.sample(
        fc.integer({ min: 0, max: 2 ** 30 }).chain((n) => request(`zq${n.toString(36)}q`)),
        { seed: SEED, numRuns: RANDOM_REQUESTS },
      );
      const requests = [...fixedCases(), ...random];
      const outcomes = await runAll(requests);
      expect(outcomes).toHaveLength(requests.length);

      const failures = outcomes
        .map((o) => ({ request: `${o.sent.method} ${o.sent.path.slice(0, 120)}`, status: o.status, faults: faults(o) }))
        .filter((f) => f.faults.length > 0);
      expect(failures.slice(0, 10)).toEqual([]);

      // Every route was reached, with every method it declares.
      for (const route of routes)
        expect(
          requests.some((r) => r.method === route.method.toUpperCase() && r.path.startsWith(route.path.split('{')[0]!)),
          route.path,
        ).toBe(true);

      const health = await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
      expect(health.status).toBe(200);
    },
  );
});
