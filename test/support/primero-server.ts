import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Primero v2 server, implementing the request and response shapes its `doc/api`
 * documents (primeroIMS/primero, doc/api.md and doc/api/{tokens,cases,referrals}), since no Primero
 * server can run here:
 *
 * - `POST /api/v2/tokens`: `{user: {user_name, password}}`, or a valid `Authorization: Bearer` token to
 *   re-issue one; the token comes back in the `Authorization` header, the body is `{user_name}`; bad
 *   credentials → 401 `{error}`. Tokens are HS256 JWTs with `exp`; an expired or unknown one → 401.
 * - `GET /api/v2/cases`: field filters (`field=value`, comma lists, `from..to` inclusive date ranges,
 *   either end open, bounds cut to the second as Primero's `Time#iso8601` does), `query` over identifiers, `order_by`/`order` (default `created_at desc`), `page`
 *   (default 1) and `per` (default 20, capped at 1000); `{data, metadata: {total, per, page}}`.
 * - `GET|PATCH /api/v2/cases/:id`, `POST /api/v2/cases` (client `id` → 204, existing → 409): PATCH merges
 *   fields, and subform arrays recursively by `unique_id` (appending new entries, `_delete: true` removes
 *   one); answers the fields that changed.
 * - `GET /api/v2/cases/:id/referrals`, `DELETE …/referrals/:referral_id` (revoke), and
 *   `PATCH …/referrals/:referral_id` (`{data: {status}}`, accepted / rejected / done, as Primero's
 *   ReferralsController#update and Referral#process! do; that route is not in doc/api).
 * - Errors: `{errors: [{code, resource, message, detail?}]}` with 401, 403, 404, 409, 422.
 *
 * Every write stamps `last_updated_at` from the server's clock, which tests may set.
 */
export interface PrimeroServer {
  url: string;
  user: string;
  password: string;
  /** Cases by id, as stored (tests seed and read them directly). */
  cases: Map<string, Record<string, unknown>>;
  referrals: Map<string, Array<Record<string, unknown>>>;
  /** Every request's method, path and query, in order (no bodies). */
  log: Array<{ method: string; path: string; query: URLSearchParams; authorised: boolean }>;
  /** The server's clock, for `last_updated_at` and token expiry. */
  setNow(date: Date): void;
  /** Every token issued so far stops working, as after a secret rotation: the next call gets 401. */
  revokeTokens(): void;
  /** Answer the next `n` requests to `pathPrefix` with this status and a documented error body. */
  failNext(pathPrefix: string, status: number, n?: number): void;
  close(): Promise<void>;
}

export interface PrimeroServerOptions {
  user?: string;
  password?: string;
  /** Token lifetime; Primero's is 60 minutes. */
  tokenLifetimeMs?: number;
  /** Fields this user may not see (left out of list and show answers). */
  hiddenFields?: string[];
}

const SUBFORM_KEY = 'unique_id';

export async function startPrimeroServer(options: PrimeroServerOptions = {}): Promise<PrimeroServer> {
  const user = options.user ?? 'relais_sync';
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const lifetime = options.tokenLifetimeMs ?? 60 * 60_000;
  const hidden = new Set(options.hiddenFields ?? []);
  let secret = randomBytes(32);
  let now: Date | undefined;
  const clock = () => now ?? new Date();
  const cases = new Map<string, Record<string, unknown>>();
  const referrals = new Map<string, Array<Record<string, unknown>>>();
  const log: PrimeroServer['log'] = [];
  const failures: Array<{ prefix: string; status: number; left: number }> = [];

  const sign = (payload: object) => {
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${mac}`;
  };
  const verify = (header: string | undefined): string | undefined => {
    const token = header && /^Bearer\s+(\S+)$/.exec(header)?.[1];
    if (!token) return undefined;
    const [head, body, mac] = token.split('.');
    if (!head || !body || !mac) return undefined;
    const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub: string; exp: number };
    return claims.exp * 1000 > clock().getTime() ? claims.sub : undefined;
  };
  const issue = (res: http.ServerResponse, userName: string) => {
    const exp = Math.floor((clock().getTime() + lifetime) / 1000);
    res.setHeader('authorization', `Bearer ${sign({ sub: userName, exp, jti: randomUUID() })}`);
    json(res, 200, { user_name: userName });
  };
  const error = (res: http.ServerResponse, status: number, resource: string, message: string, detail?: string) =>
    json(res, status, { errors: [{ code: status, resource, message, ...(detail ? { detail } : {}) }] });
  const visible = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).filter(([k]) => !hidden.has(k)));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://primero.test');
      const path = url.pathname;
      const method = req.method ?? 'GET';
      let body: any;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        return error(res, 422, path, 'Invalid JSON');
      }
      const failure = failures.find((f) => path.startsWith(f.prefix) && f.left > 0);
      if (failure) {
        failure.left--;
        log.push({ method, path, query: url.searchParams, authorised: false });
        return error(res, failure.status, path, http.STATUS_CODES[failure.status] ?? 'Error');
      }

      if (path === '/api/v2/tokens' && method === 'POST') {
        log.push({ method, path, query: url.searchParams, authorised: false });
        const bearer = verify(req.headers.authorization);
        if (bearer) return issue(res, bearer);
        const given = body?.user;
        if (given?.user_name === user && given?.password === password) return issue(res, user);
        return json(res, 401, { error: 'Invalid User name or password.' });
      }
      const who = verify(req.headers.authorization);
      log.push({ method, path, query: url.searchParams, authorised: who !== undefined });
      if (!who) return error(res, 401, path, 'Signature has expired');

      const stamp = () => clock().toISOString();
      if (path === '/api/v2/cases' && method === 'GET') {
        const per = Math.min(Number(url.searchParams.get('per') ?? 20) || 20, 1000);
        const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
        const orderBy = url.searchParams.get('order_by') ?? 'created_at';
        const order = url.searchParams.get('order') ?? 'desc';
        const filters = [...url.searchParams.entries()].filter(
          ([k]) => !['page', 'per', 'order', 'order_by', 'fields', 'query'].includes(k),
        );
        const query = url.searchParams.get('query');
        const matching = [...cases.values()].filter(
          (c) =>
            filters.every(([k, v]) => matches(c[k], v)) &&
            (!query || ['id', 'case_id', 'case_id_display'].some((k) => c[k] === query)),
        );
        // Ties broken by id so that pages are stable, as an index scan would be.
        matching.sort((a, b) => {
          const byField = compare(a[orderBy], b[orderBy]);
          return (order === 'asc' ? byField : -byField) || compare(a.id, b.id);
        });
        const data = matching.slice((page - 1) * per, page * per).map(visible);
        return json(res, 200, { data, metadata: { total: matching.length, per, page } });
      }
      if (path === '/api/v2/cases' && method === 'POST') {
        const data = body?.data;
        if (!data || typeof data !== 'object')
          return error(res, 422, path, 'param is missing or the value is empty: data');
        if (data.registration_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(data.registration_date)))
          return error(res, 422, path, 'Please enter the date in a valid format (dd-mmm-yyyy)', 'registration_date');
        const clientId = typeof data.id === 'string' ? data.id : undefined;
        if (clientId && cases.has(clientId))
          return error(res, 409, path, 'Conflict: A record with this id already exists');
        const id = clientId ?? randomUUID();
        const caseId = randomUUID();
        const stored = {
          ...withSubformIds(data),
          id,
          case_id: caseId,
          case_id_display: caseId.slice(-7),
          owned_by: who,
          created_at: stamp(),
          last_updated_at: stamp(),
        };
        cases.set(id, stored);
        if (clientId) return void res.writeHead(204).end();
        return json(res, 200, { data: visible(stored) });
      }
      const one = /^\/api\/v2\/cases\/([^/]+)$/.exec(path);
      if (one) {
        const id = decodeURIComponent(one[1]!);
        const existing = cases.get(id);
        if (!existing) return error(res, 404, path, 'Not Found');
        if (method === 'GET') return json(res, 200, { data: visible(existing) });
        if (method === 'PATCH') {
          const data = body?.data;
          if (!data || typeof data !== 'object')
            return error(res, 422, path, 'param is missing or the value is empty: data');
          const merged = mergeRecord(existing, data);
          const changed = Object.fromEntries(
            Object.keys(merged)
              .filter((k) => JSON.stringify(merged[k]) !== JSON.stringify(existing[k]))
              .map((k) => [k, merged[k]]),
          );
          merged.last_updated_at = stamp();
          cases.set(id, merged);
          return json(res, 200, { data: { id, ...visible(changed) } });
        }
      }
      const refs = /^\/api\/v2\/cases\/([^/]+)\/referrals(?:\/([^/]+))?$/.exec(path);
      if (refs) {
        const caseId = decodeURIComponent(refs[1]!);
        if (!cases.has(caseId)) return error(res, 404, path, 'Not Found');
        const list = referrals.get(caseId) ?? [];
        if (!refs[2] && method === 'GET') return json(res, 200, { data: list });
        if (refs[2] && method === 'DELETE') {
          const referral = list.find((r) => r.id === refs[2]);
          if (!referral) return error(res, 404, path, 'Not Found');
          referral.status = 'revoked';
          cases.get(caseId)!.last_updated_at = stamp();
          return json(res, 200, { data: referral });
        }
        if (refs[2] && method === 'PATCH') {
          const referral = list.find((r) => r.id === refs[2]);
          if (!referral) return error(res, 404, path, 'Not Found');
          const status = body?.data?.status;
          if (!['accepted', 'rejected', 'done'].includes(status))
            return error(res, 422, path, 'Invalid status', 'status');
          // As Referral#process!: a repeated status is no change.
          if (referral.status !== status) {
            referral.status = status;
            if (status === 'rejected' && body.data.rejected_reason)
              referral.rejected_reason = body.data.rejected_reason;
            if (status === 'done' && body.data.rejection_note) referral.rejection_note = body.data.rejection_note;
            referral.responded_at = stamp();
            cases.get(caseId)!.last_updated_at = stamp();
          }
          return json(res, 200, { data: referral });
        }
      }
      return error(res, 404, path, 'Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    user,
    password,
    cases,
    referrals,
    log,
    setNow: (date) => void (now = date),
    revokeTokens: () => void (secret = randomBytes(32)),
    failNext: (prefix, status, n = 1) => void failures.push({ prefix, status, left: n }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const [x, y] = [toComparable(a), toComparable(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function toComparable(v: unknown): number | string {
  if (typeof v === 'number') return v;
  const s = String(v);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
  return Number.isNaN(ms) ? s : ms;
}

/** One query filter as Primero's SearchFilterService reads it: a range, a comma list, or one value. */
function matches(value: unknown, filter: string): boolean {
  if (filter.includes('..')) {
    const [from, to] = filter.split('..').map((b) => (b ? bound(b) : b));
    if (value === undefined || value === null) return false;
    const v = toComparable(value);
    return (!from || v >= from) && (!to || v <= to);
  }
  const wanted = filter.split(',');
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  return wanted.some((w) => values.includes(w));
}

/**
 * A range bound as Primero's SearchFilters::DateRange writes it into SQL: `Time#iso8601`, which drops the
 * fractional seconds, so that `2026-01-01T10:00:00.750Z..` starts at 10:00:00.000.
 */
function bound(text: string): number | string {
  const v = toComparable(text);
  return typeof v === 'number' && /T/.test(text) ? Math.floor(v / 1000) * 1000 : v;
}

function withSubformIds(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      isSubform(v)
        ? v.filter((e) => e._delete !== true).map((e) => ({ ...e, [SUBFORM_KEY]: e[SUBFORM_KEY] ?? randomUUID() }))
        : v,
    ]),
  );
}

function isSubform(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e));
}

/**
 * doc/api/cases/id/patch.md: fields not sent are kept; subform arrays are merged recursively, an entry with
 * a known `unique_id` updated in place, a new one appended, and one with `_delete: true` removed.
 */
function mergeRecord(existing: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...existing };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'id') continue;
    const old = existing[k];
    if (isSubform(v) && (old === undefined || Array.isArray(old))) {
      const entries = [...((old as Array<Record<string, unknown>> | undefined) ?? [])];
      for (const entry of v) {
        const at =
          entry[SUBFORM_KEY] === undefined ? -1 : entries.findIndex((e) => e[SUBFORM_KEY] === entry[SUBFORM_KEY]);
        if (entry._delete === true) {
          if (at >= 0) entries.splice(at, 1);
        } else if (at >= 0) entries[at] = mergeRecord(entries[at]!, entry);
        else entries.push({ ...entry, [SUBFORM_KEY]: entry[SUBFORM_KEY] ?? randomUUID() });
      }
      merged[k] = entries;
    } else merged[k] = v;
  }
  return merged;
}
