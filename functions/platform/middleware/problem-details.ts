import type { MiddlewareObj } from '@middy/core';
import { negotiateLanguage } from '../../../core/i18n/language.ts';
import { header, type HttpEvent, type HttpResult } from '../http.ts';
import { classify, problemResponse } from '../problem.ts';
import type { Container } from '../container.ts';

/** The first line of a stack is the error message, which may quote input: keep only the frames. */
const framesOnly = (stack: string | undefined) => stack?.split('\n').slice(1, 8).join('\n');

/**
 * The one error handler: whatever was thrown becomes problem+json in the caller's language. Unexpected
 * errors are logged by name and stack frames only, never by message or input.
 */
export function problemDetails(container: () => Container): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    name: 'problemDetails',
    onError: (request) => {
      const { error, unexpected } = classify(request.error);
      if (unexpected) {
        const e = request.error as (Error & { $metadata?: { httpStatusCode?: number } }) | null;
        container().logger.error('unexpected error', {
          errorName: e?.name,
          kind: error.kind,
          stackFrames: framesOnly(e?.stack),
          awsStatus: e?.$metadata?.httpStatusCode,
        });
      }
      request.response = problemResponse(
        error,
        negotiateLanguage(header(request.event, 'accept-language')),
        request.context?.awsRequestId,
      );
    },
  };
}
