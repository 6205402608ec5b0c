import type { MiddlewareObj } from '@middy/core';
import { RelaisError } from '../../../core/errors/relais-error.ts';
import { BODY_LIMIT_BYTES, type HttpEvent, type HttpResult } from '../http.ts';

/** Refuses oversized bodies before any parsing or I/O (API Gateway's own cap is 10 MB). */
export function bodyLimit(limit = BODY_LIMIT_BYTES): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'bodyLimit',
    before: ({ event }) => {
      if (!event.body) return;
      const bytes = event.isBase64Encoded
        ? Math.floor((event.body.length * 3) / 4)
        : Buffer.byteLength(event.body, 'utf8');
      if (bytes > limit) throw new RelaisError('payload-too-large', 'body-too-large');
    },
  };
}
