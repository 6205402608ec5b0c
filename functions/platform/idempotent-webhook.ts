import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import type { Container } from './container.ts';
import type { HttpResult } from './http.ts';

type Run = () => Promise<HttpResult>;
type Wrapped = (input: { key: string; body: string }, context: Context, run: Run) => Promise<HttpResult>;

const wrappers = new WeakMap<Container, Wrapped>();

/**
 * Runs `run` at most once per (scope, webhook-id) for 24 hours, with Powertools idempotency on
 * DynamoDB: a replay gets the first answer; the same id with another body is refused (422); a
 * concurrent duplicate gets 409 + Retry-After; a failed run leaves no record, so a retry runs again.
 * The function wrapper is used rather than Powertools' middy middleware, whose onError would delete
 * another request's record when this one is refused as a duplicate.
 */
export function idempotentByWebhookId(
  container: Container,
  scope: string,
  webhookId: string,
  body: string,
  context: Context,
  run: Run,
): Promise<HttpResult> {
  let wrapped = wrappers.get(container);
  if (!wrapped) {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 60 * 60,
      responseHook: (response) => {
        const stored = response as unknown as HttpResult;
        return { ...stored, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
      },
    });
    wrapped = makeIdempotent((_input: { key: string; body: string }, _context: Context, go: Run) => go(), {
      persistenceStore: container.idempotency,
      config,
      keyPrefix: 'relais.webhook',
    }) as Wrapped;
    wrappers.set(container, wrapped);
  }
  return wrapped({ key: `${scope}:${webhookId}`, body }, context, run);
}
