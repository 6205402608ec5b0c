import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface StaticFile {
  path: string;
  contentType: string;
  body: Uint8Array;
  immutable: boolean;
}

/**
 * A single-page application under a path prefix, answered as CloudFront answers it in front of its bucket:
 * files by their path, every other path under the prefix the page itself (the app routes in the browser),
 * hashed files cached for good and the page never.
 */
export interface StaticSite {
  prefix: string;
  /** Called on the first request, then kept: the runtime builds the files only if someone asks. */
  load(): Promise<readonly StaticFile[]>;
  headers: Readonly<Record<string, string>>;
}

export function staticSiteAnswer(site: StaticSite) {
  let files: Promise<Map<string, StaticFile>> | undefined;
  return async (method: string, pathname: string): Promise<APIGatewayProxyStructuredResultV2 | 'not-here'> => {
    if (pathname !== site.prefix && !pathname.startsWith(`${site.prefix}/`)) return 'not-here';
    if (method !== 'GET' && method !== 'HEAD') return 'not-here';
    if (pathname === site.prefix) return { statusCode: 308, headers: { location: `${site.prefix}/` } };
    files ??= site.load().then((list) => new Map(list.map((f) => [f.path, f])));
    const byPath = await files;
    const file = byPath.get(pathname) ?? byPath.get(`${site.prefix}/index.html`);
    if (!file) return 'not-here';
    return {
      statusCode: 200,
      headers: {
        ...site.headers,
        'content-type': file.contentType,
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body: method === 'HEAD' ? '' : Buffer.from(file.body).toString('base64'),
      isBase64Encoded: true,
    };
  };
}
