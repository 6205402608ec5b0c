import { buildOpenApiDocument } from '../platform/openapi.ts';
import { httpHandler } from '../platform/http-handler.ts';

let document: string | undefined;

export const handler = httpHandler('getOpenApi', async () => {
  document ??= JSON.stringify(buildOpenApiDocument());
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
    body: document,
  };
});
