import type * as z from 'zod';
import type { Problem as ProblemSchema } from '../../schemas/api/problem.ts';
import type { Lang } from './i18n.ts';

export type Problem = z.output<typeof ProblemSchema>;

/** An answer that is not 2xx, with the API's problem details (already in the UI's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title);
  }
}

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON, unless `text` is given. */
  body?: unknown;
  /** A raw text body (a YAML mapping) with its content type. */
  text?: { body: string; contentType: string };
  accept?: string;
}

export interface Api {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** A text answer (CSV) as it came. */
  text(path: string, query?: Query, accept?: string): Promise<string>;
}

const offline = (lang: Lang): Problem => ({
  type: 'about:blank',
  status: 503,
  code: 'network-error',
  title: lang === 'fr' ? 'Relais ne répond pas' : 'Relais does not answer',
  detail:
    lang === 'fr'
      ? 'Vérifiez la connexion et réessayez ; rien n’a été envoyé ou la réponse s’est perdue.'
      : 'Check the connection and try again; nothing was sent or the answer was lost.',
});

/**
 * The public API, on the page's own origin (locally the runtime, on AWS the CloudFront distribution that
 * routes /v1 to API Gateway): the UI has no other way in.
 */
export function createApi(key: string, lang: Lang, base = ''): Api {
  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(base + path, location.origin);
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      'x-api-key': key,
      'accept-language': lang,
      accept: options.accept ?? 'application/json',
    };
    let body: string | undefined;
    if (options.text) {
      headers['content-type'] = options.text.contentType;
      body = options.text.body;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    } catch {
      throw new ApiError(0, offline(lang));
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const problem = type.includes('json') ? ((await response.json()) as Problem) : undefined;
      throw new ApiError(
        response.status,
        problem ?? { type: 'about:blank', status: response.status, code: 'http-error', title: response.statusText },
      );
    }
    if (response.status === 204) return undefined as T;
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }
  return {
    request,
    get: (path, query) => request('GET', path, query ? { query } : {}),
    post: (path, body) => request('POST', path, body === undefined ? {} : { body }),
    put: (path, body) => request('PUT', path, { body }),
    del: (path) => request('DELETE', path),
    text: (path, query, accept = 'text/csv') => request('GET', path, { ...(query ? { query } : {}), accept }),
  };
}
