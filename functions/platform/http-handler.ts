import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { Principal } from '../../core/access/principal.ts';
import { requireRole } from '../../core/auth/api-key.ts';
import { routes, type Route } from '../routes.ts';
import { type Container, container } from './container.ts';
import { authenticateRequest } from './credentials.ts';
import type { HttpEvent, HttpResult } from './http.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { problemDetails } from './middleware/problem-details.ts';

export interface HttpRequest {
  event: HttpEvent;
  context: Context;
  container: Container;
  /** Set for routes whose access is `api-key`: the organisation and roles come from here only. */
  principal: Principal | undefined;
}

export type UseCase = (request: HttpRequest) => Promise<HttpResult>;

export function routeFor(operationId: string): Route {
  const route = routes.find((r) => r.operation.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  return route;
}

/**
 * The middleware stack every HTTP handler shares: logger context, one problem+json error handler,
 * body limit, then authentication and role check as the route declares. Handlers only supply the use
 * case call.
 */
export function httpHandler(operationId: string, useCase: UseCase) {
  const route = routeFor(operationId);
  return middy<HttpEvent, HttpResult>()
    .use(problemDetails(container))
    .use(injectLambdaContext(container().logger, { resetKeys: true }))
    .use(bodyLimit())
    .handler(async (event, context) => {
      const c = container();
      let principal: Principal | undefined;
      if (route.access.kind === 'api-key') {
        principal = await authenticateRequest(c.directory, event);
        requireRole(principal, route.access.roles);
      }
      const result = await useCase({ event, context, container: c, principal });
      // Every change made with an API key leaves an audit line: who, what operation, for which
      // organisation, with what result. Ids only; no path or body values. So do the reads a route marks.
      if (principal && (route.method !== 'get' || route.auditedRead)) {
        c.logger.info('audit', {
          audit: route.operation.operationId,
          organisationId: principal.organisationId,
          credential: principal.credential,
          status: result.statusCode,
        });
      }
      return result;
    });
}
