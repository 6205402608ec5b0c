import * as z from 'zod';
import type { Clock } from '../../../core/ports.ts';
import { systemClock } from '../../../core/ports.ts';
import type { JsonAnswer, JsonRequest, JsonTransport } from './http.ts';

/** One case as Primero's API returns it: its own field names, only `id` and `last_updated_at` read here. */
export const PrimeroCase = z.looseObject({
  id: z.string().min(1),
  last_updated_at: z.string().optional(),
});
export type PrimeroCase = z.infer<typeof PrimeroCase>;

/** `GET /api/v2/cases` (doc/api/cases/get.md). */
export const PrimeroCasePage = z.object({
  data: z.array(PrimeroCase),
  metadata: z.object({ total: z.number().int(), per: z.number().int(), page: z.number().int() }),
});
export type PrimeroCasePage = z.infer<typeof PrimeroCasePage>;

/** A transition as `GET /api/v2/cases/:id/referrals` lists it (doc/api/referrals/get.md). */
export const PrimeroReferral = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  status: z.string().optional(),
  record_id: z.string().optional(),
  transitioned_to: z.string().optional(),
});
export type PrimeroReferral = z.infer<typeof PrimeroReferral>;

/** Primero's error body: `{errors: [{code|status, resource, message, detail?}]}`, or `{error}` from tokens. */
const PrimeroErrorBody = z.union([
  z.object({
    errors: z.array(
      z.looseObject({
        code: z.number().optional(),
        status: z.number().optional(),
        resource: z.string().optional(),
        message: z.string().optional(),
        detail: z.string().optional(),
      }),
    ),
  }),
  z.object({ error: z.string() }),
]);

/**
 * A refusal by Primero, with the status and Primero's own messages and field names (`detail`), which name
 * fields and rules, not values.
 */
export class PrimeroApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly resource: string,
    readonly problems: Array<{ message?: string; detail?: string }>,
  ) {
    const said = problems.map((p) => [p.message, p.detail].filter(Boolean).join(': ')).join('; ');
    super(`Primero answered ${status} to ${method} ${resource}${said ? ` (${said})` : ''}`);
    this.name = 'PrimeroApiError';
  }
}

/** An answer that is not what doc/api documents: a wrong URL, a proxy page, another version. */
export class PrimeroUnexpectedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly resource: string,
    what: string,
  ) {
    super(`Primero's answer to ${resource} (${status}) is not the documented shape: ${what}`);
    this.name = 'PrimeroUnexpectedAnswer';
  }
}

export interface PrimeroCredentials {
  user: string;
  password: string;
}

/** Primero's documented token lifetime (doc/api.md), used when a token does not say its own. */
const DOCUMENTED_TOKEN_LIFETIME_MS = 60 * 60_000;
/** A token this close to its expiry is refreshed first, so that it cannot expire in flight. */
const REFRESH_MARGIN_MS = 2 * 60_000;

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * A Primero v2 API client (doc/api): JWT from `POST /api/v2/tokens`, refreshed before it expires with the
 * documented re-issue (the same endpoint with the current token), and obtained again with the credentials
 * when Primero answers 401 (a token revoked, or a refresh refused). The password stays in this object and
 * is sent to the tokens endpoint only.
 */
export class PrimeroClient {
  private token: Token | undefined;
  /** Counted for operators and tests: how often the client logged in and refreshed. */
  readonly stats = { logins: 0, refreshes: 0, requests: 0 };
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly credentials: PrimeroCredentials,
    private readonly transport: JsonTransport,
    private readonly clock: Clock = systemClock,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** `GET /api/v2/cases` with filters, `page` and `per` as Primero reads them. */
  async listCases(params: Record<string, string>): Promise<PrimeroCasePage> {
    const path = `/api/v2/cases?${new URLSearchParams(params).toString()}`;
    const answer = await this.authorised({ method: 'GET', url: this.base + path });
    return this.expect(answer, 200, PrimeroCasePage, '/api/v2/cases');
  }

  /** `GET /api/v2/cases/:id`; undefined when Primero answers 404. */
  async getCase(id: string): Promise<PrimeroCase | undefined> {
    const resource = `/api/v2/cases/${encodeURIComponent(id)}`;
    const answer = await this.authorised({ method: 'GET', url: this.base + resource });
    if (answer.status === 404) return undefined;
    return this.expect(answer, 200, z.object({ data: PrimeroCase }), resource).data;
  }

  /**
   * `POST /api/v2/cases` with a client-generated `data.id` (a UUID): Primero answers 204, or 409 when a
   * case with that id exists; 'exists' is returned for the 409 so that the caller can update instead.
   */
  async createCase(data: Record<string, unknown> & { id: string }): Promise<'created' | 'exists'> {
    const resource = '/api/v2/cases';
    const answer = await this.authorised({ method: 'POST', url: this.base + resource, body: { data } });
    if (answer.status === 409) return 'exists';
    if (answer.status === 204 || answer.status === 200) return 'created';
    throw this.refusal(answer, 'POST', resource);
  }

  /** `PATCH /api/v2/cases/:id`: Primero merges the fields (subforms by `unique_id`) and answers what changed. */
  async patchCase(id: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const resource = `/api/v2/cases/${encodeURIComponent(id)}`;
    const answer = await this.authorised({ method: 'PATCH', url: this.base + resource, body: { data } });
    return this.expect(answer, 200, z.object({ data: z.record(z.string(), z.unknown()) }), resource, 'PATCH').data;
  }

  /** `GET /api/v2/cases/:id/referrals`. */
  async listReferrals(caseId: string): Promise<PrimeroReferral[]> {
    const resource = `/api/v2/cases/${encodeURIComponent(caseId)}/referrals`;
    const answer = await this.authorised({ method: 'GET', url: this.base + resource });
    return this.expect(answer, 200, z.object({ data: z.array(PrimeroReferral) }), resource).data;
  }

  /**
   * `PATCH /api/v2/cases/:id/referrals/:referral_id` with `{data: {status}}`: Primero's referral update
   * (accept, reject with `rejected_reason`, or done). The route is in Primero's config/routes.rb and its
   * ReferralsController#update, not in doc/api.
   */
  async updateReferral(caseId: string, referralId: string, data: Record<string, unknown>): Promise<PrimeroReferral> {
    const resource = `/api/v2/cases/${encodeURIComponent(caseId)}/referrals/${encodeURIComponent(referralId)}`;
    const answer = await this.authorised({ method: 'PATCH', url: this.base + resource, body: { data } });
    return this.expect(answer, 200, z.object({ data: PrimeroReferral }), resource, 'PATCH').data;
  }

  /** `DELETE /api/v2/cases/:id/referrals/:referral_id` (doc/api/referrals/id/delete.md): revoke a referral. */
  async revokeReferral(caseId: string, referralId: string): Promise<PrimeroReferral> {
    const resource = `/api/v2/cases/${encodeURIComponent(caseId)}/referrals/${encodeURIComponent(referralId)}`;
    const answer = await this.authorised({ method: 'DELETE', url: this.base + resource });
    return this.expect(answer, 200, z.object({ data: PrimeroReferral }), resource, 'DELETE').data;
  }

  private async authorised(request: JsonRequest): Promise<JsonAnswer> {
    const token = await this.currentToken();
    const answer = await this.send(request, token);
    if (answer.status !== 401) return answer;
    // Revoked or expired early: a new token from the credentials, and the request once more.
    this.token = undefined;
    return this.send(request, await this.login());
  }

  private send(request: JsonRequest, token: string): Promise<JsonAnswer> {
    this.stats.requests++;
    return this.transport({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  }

  private async currentToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && now < this.token.expiresAt - REFRESH_MARGIN_MS) return this.token.value;
    if (this.token && now < this.token.expiresAt) {
      const refreshed = await this.refresh(this.token.value);
      if (refreshed) return refreshed;
    }
    return this.login();
  }

  /** The documented re-issue: `POST /api/v2/tokens` with the current token and no credentials. */
  private async refresh(current: string): Promise<string | undefined> {
    this.stats.refreshes++;
    const answer = await this.transport({
      method: 'POST',
      url: `${this.base}/api/v2/tokens`,
      headers: { authorization: `Bearer ${current}` },
      body: {},
    });
    if (answer.status !== 200) return undefined;
    return this.keep(answer);
  }

  private async login(): Promise<string> {
    this.stats.logins++;
    const answer = await this.transport({
      method: 'POST',
      url: `${this.base}/api/v2/tokens`,
      body: { user: { user_name: this.credentials.user, password: this.credentials.password } },
    });
    if (answer.status !== 200) throw this.refusal(answer, 'POST', '/api/v2/tokens');
    return this.keep(answer);
  }

  private keep(answer: JsonAnswer): string {
    const header = answer.headers.authorization;
    const value = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!value) throw new PrimeroUnexpectedAnswer(answer.status, '/api/v2/tokens', 'no Bearer token in Authorization');
    const now = this.clock.now().getTime();
    this.token = { value, expiresAt: jwtExpiry(value) ?? now + DOCUMENTED_TOKEN_LIFETIME_MS };
    return value;
  }

  private expect<T>(answer: JsonAnswer, status: number, schema: z.ZodType<T>, resource: string, method = 'GET'): T {
    if (answer.status !== status) throw this.refusal(answer, method, resource);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success)
      throw new PrimeroUnexpectedAnswer(
        answer.status,
        resource,
        parsed.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; '),
      );
    return parsed.data;
  }

  private refusal(answer: JsonAnswer, method: string, resource: string): PrimeroApiError {
    const body = PrimeroErrorBody.safeParse(answer.body);
    const problems = !body.success
      ? []
      : 'errors' in body.data
        ? body.data.errors.map((e) => ({ message: e.message, detail: e.detail }))
        : [{ message: body.data.error }];
    return new PrimeroApiError(answer.status, method, resource, problems);
  }
}

/** The `exp` claim of a JWT (seconds since the epoch), read without verifying: Primero verifies it. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
