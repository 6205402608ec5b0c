import type { MiddlewareObj } from '@middy/core';
import { RelaisError } from '../../../core/errors/relais-error.ts';
import { BODY_LIMIT_BYTES, type HttpEvent, type HttpResult } from '../http.ts';

/** The one check of the API's body limit: before authentication, parsing or any I/O. */
export function bodyLimit(limit = BODY_LIMIT_BYTES): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'bodyLimit',
    before: ({ event }) => {
      if (!event.body) return;
      const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
      if (bytes > limit) throw new RelaisError('payload-too-large', 'body-too-large');
    },
  };
}
